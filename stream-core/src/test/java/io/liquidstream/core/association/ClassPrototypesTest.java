package io.liquidstream.core.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassPrototypesTest {

    private final AssociationIndex index = new AssociationIndex(2, 1);
    private final ClassPrototypes prototypes = new ClassPrototypes(index, 3);

    private Match only(float[] query) {
        List<Match> all = index.topK(query, 10, Filter.anchorsOnly());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void givenExemplarsOfDifferentNorms_thePrototypeIsTheMeanOfTheirUnitVectorsRenormalised() {
        prototypes.add("a", 8, "vision", new float[] {10, 0});
        prototypes.add("b", 8, "vision", new float[] {0, 0.5f});

        // mean of (1,0) and (0,1) points at 45 degrees, whatever the exemplars' lengths
        Match m = only(new float[] {1, 1});

        assertThat(m.score()).isCloseTo(1f, offset(1e-5f));
        assertThat(m.classLabel()).isEqualTo(8);
        assertThat(m.id()).isEqualTo(ClassPrototypes.prototypeId(8, "vision"));
        assertThat(prototypes.exemplarCount()).isEqualTo(2);
        assertThat(prototypes.prototypeCount()).isEqualTo(1);
    }

    @Test
    void givenTheSameClassInTwoModalities_eachModalityHasItsOwnPrototype() {
        prototypes.add("v", 8, "vision", new float[] {1, 0});
        prototypes.add("n", 8, "neural", new float[] {0, 1});

        List<Match> all = index.topK(new float[] {1, 0}, 10, Filter.anchorsOnly());

        assertThat(all).extracting(Match::modality).containsExactly("vision", "neural");
        assertThat(all.get(0).score()).isCloseTo(1f, offset(1e-5f));
        assertThat(all.get(1).score()).isCloseTo(0f, offset(1e-5f));
    }

    @Test
    void givenMoreExemplarsThanTheBound_theOldestIsDroppedAndNoLongerShapesThePrototype() {
        prototypes.add("old", 8, "vision", new float[] {0, 1});
        prototypes.add("b", 8, "vision", new float[] {1, 0});
        prototypes.add("c", 8, "vision", new float[] {1, 0});

        assertThat(prototypes.add("d", 8, "vision", new float[] {1, 0})).contains("old");

        assertThat(prototypes.exemplars(8, "vision")).containsExactly("b", "c", "d");
        assertThat(only(new float[] {1, 0}).score()).isCloseTo(1f, offset(1e-5f));
    }

    @Test
    void givenAnExemplarRemoved_thePrototypeIsRecomputedAndTheLastRemovalRemovesIt() {
        prototypes.add("a", 8, "vision", new float[] {1, 0});
        prototypes.add("b", 8, "vision", new float[] {0, 1});

        assertThat(prototypes.remove("a")).isTrue();
        assertThat(only(new float[] {0, 1}).score()).isCloseTo(1f, offset(1e-5f));

        assertThat(prototypes.remove("b")).isTrue();
        assertThat(index.anchorCount()).isZero();
        assertThat(prototypes.classes()).isEmpty();
        assertThat(prototypes.remove("b")).as("already gone").isFalse();
    }

    @Test
    void givenAnIdReAddedUnderAnotherClass_itLeavesItsOldClass() {
        prototypes.add("x", 8, "vision", new float[] {1, 0});
        prototypes.add("x", 9, "vision", new float[] {1, 0});

        assertThat(prototypes.classes()).containsExactly(9);
        assertThat(prototypes.exemplarCount()).isEqualTo(1);
        assertThat(only(new float[] {1, 0}).classLabel()).isEqualTo(9);
    }

    @Test
    void givenANegativeClassOrAWrongDimension_addingIsRefused() {
        assertThatThrownBy(() -> prototypes.add("x", -1, "vision", new float[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class label");
        assertThatThrownBy(() -> prototypes.add("x", 1, "vision", new float[] {1, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2");
        assertThat(prototypes.exemplarCount()).isZero();
    }

    @Test
    void snapshot_givesEachPrototypeWithItsExemplarsUnitVectorsByClassThenModality() {
        prototypes.add("v9", 9, "vision", new float[] {0, 2});
        prototypes.add("n8", 8, "neural", new float[] {3, 0});
        prototypes.add("v8a", 8, "vision", new float[] {4, 0});
        prototypes.add("v8b", 8, "vision", new float[] {0, 5});

        List<ClassPrototypes.Prototype> snapshot = prototypes.snapshot();

        assertThat(snapshot).extracting(p -> p.classLabel() + "/" + p.modality())
                .containsExactly("8/neural", "8/vision", "9/vision");
        ClassPrototypes.Prototype eight = snapshot.get(1);
        float half = (float) Math.sqrt(0.5);
        assertThat(eight.vector()).containsExactly(new float[] {half, half}, within(1e-6f));
        assertThat(eight.exemplars()).hasSize(2);
        assertThat(eight.exemplars().get(1)).containsExactly(0f, 1f);
    }
}
