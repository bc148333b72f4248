package io.liquidstream.connectors.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventRingTest {

    @Test
    void aReaderGetsWhatArrivedSinceItsCursorInOrder() {
        EventRing ring = new EventRing(16);
        long start = ring.head();
        for (int i = 0; i < 5; i++) {
            ring.add(100 + i, i, 2 * i, i % 2);
        }

        EventRing.Slice slice = ring.since(start, 100);

        assertThat(slice.t()).containsExactly(100, 101, 102, 103, 104);
        assertThat(slice.y()).containsExactly(0, 2, 4, 6, 8);
        assertThat(slice.dropped()).isZero();
        assertThat(ring.since(slice.cursor(), 100).size()).isZero();
    }

    @Test
    void givenAReaderFallenBehindTheRing_itGetsTheNewestAndIsToldHowManyWereOverwritten() {
        EventRing ring = new EventRing(8);
        long start = ring.head();
        for (int i = 0; i < 20; i++) {
            ring.add(i, i, 0, 1);
        }

        EventRing.Slice slice = ring.since(start, 100);

        assertThat(slice.t()).containsExactly(12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(slice.dropped()).isEqualTo(12);
    }

    @Test
    void givenMoreThanTheReaderMayTake_eventsAreThinnedEvenlyAndTheRestCountedAsDropped() {
        EventRing ring = new EventRing(1024);
        long start = ring.head();
        for (int i = 0; i < 1000; i++) {
            ring.add(i, i, 0, 1);
        }

        EventRing.Slice slice = ring.since(start, 100);

        assertThat(slice.size()).isEqualTo(100);
        assertThat(slice.t()[0]).isZero();
        assertThat(slice.t()[50]).isEqualTo(500);
        assertThat(slice.t()[99]).isEqualTo(990);
        assertThat(slice.dropped()).isEqualTo(900);
        assertThat(slice.cursor()).isEqualTo(ring.head());
    }
}
