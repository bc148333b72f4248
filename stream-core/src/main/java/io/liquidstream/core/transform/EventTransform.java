package io.liquidstream.core.transform;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import java.util.List;

/**
 * One event-to-event transform (crop, polarity selection, down-sampling, denoising): an immutable value
 * whose parameters are its fields. Transforms compose with {@link #andThen(EventTransform)} and have a
 * compact textual form ({@link #describe()}, {@link #parse(String)}) so a model file can record them.
 *
 * <p>A transform is applied to one sample (or one chunk) at a time and keeps no state between calls;
 * filters that need history allocate it per call, sized by the sensor geometry, never per event.
 */
public interface EventTransform {

    /** The transformed events; their geometry is {@link #geometry(SensorGeometry) geometry(in.geometry())}. */
    Events apply(Events in);

    /**
     * The geometry of the output for input of geometry {@code in}.
     *
     * @throws IllegalArgumentException if this transform cannot apply to {@code in}
     */
    SensorGeometry geometry(SensorGeometry in);

    /** The canonical textual form, e.g. {@code crop(16,16)}; {@link #parse(String)} reads it back. */
    String describe();

    /** This transform, then {@code next}. */
    default EventTransform andThen(EventTransform next) {
        return TransformChain.of(List.of(this, next));
    }

    /** The transform that returns its input unchanged; describes as the empty text. */
    static EventTransform identity() {
        return TransformChain.of(List.of());
    }

    /**
     * Reads a {@code |}-separated chain, e.g. {@code crop(16,16)|polarity(1)}; the empty text is the
     * identity.
     *
     * @throws IllegalArgumentException naming the position and what was expected there
     */
    static EventTransform parse(String text) {
        List<StageCall> stages = PipelineSyntax.parse(text);
        return TransformChain.of(stages.stream().map(EventTransform::fromStage).toList());
    }

    /**
     * The transform a parsed stage names: {@code crop(w,h)}, {@code polarity(p)}, {@code downsample(fx,fy)},
     * {@code refractory(us)}, {@code denoise(us)}.
     *
     * @throws IllegalArgumentException if the name is unknown or the arguments do not fit
     */
    static EventTransform fromStage(StageCall stage) {
        return switch (stage.name()) {
            case CenterCrop.NAME -> CenterCrop.fromStage(stage);
            case PolaritySelect.NAME -> PolaritySelect.fromStage(stage);
            case SpatialDownsample.NAME -> SpatialDownsample.fromStage(stage);
            case RefractoryFilter.NAME -> RefractoryFilter.fromStage(stage);
            case BackgroundActivityFilter.NAME -> BackgroundActivityFilter.fromStage(stage);
            default -> throw stage.error("expected a transform (" + CenterCrop.NAME + ", " + PolaritySelect.NAME
                    + ", " + SpatialDownsample.NAME + ", " + RefractoryFilter.NAME + ", "
                    + BackgroundActivityFilter.NAME + "), found '" + stage.name() + "'");
        };
    }
}
