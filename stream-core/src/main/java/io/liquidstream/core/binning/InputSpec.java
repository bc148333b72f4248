package io.liquidstream.core.binning;

import io.liquidstream.core.event.Events;
import io.liquidstream.core.event.SensorGeometry;
import io.liquidstream.core.transform.CenterCrop;
import io.liquidstream.core.transform.EventTransform;
import io.liquidstream.core.transform.PipelineSyntax;
import io.liquidstream.core.transform.PolaritySelect;
import io.liquidstream.core.transform.StageCall;
import io.liquidstream.core.transform.TransformChain;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one modality's sample becomes reservoir input: the sensor it expects, the event transforms, and
 * the binning. Inputs are the addresses of the transformed geometry ({@link InputMapping#pixels}), so
 * the reservoir's input count follows from the spec alone.
 *
 * <p>A spec has a one-line textual form for model files, read by {@link #parse(String)}:
 * <pre>{@code vision-probe=sensor(34,34,2)|crop(16,16)|polarity(1)|fixed(50)}</pre>
 * the name, {@code =}, the expected sensor {@code sensor(width,height,polarities)}, the transforms in
 * order ({@code crop(w,h)}, {@code polarity(p)}, {@code downsample(fx,fy)}, {@code refractory(us)},
 * {@code denoise(us)}; {@link EventTransform#fromStage}), and the binning last ({@code fixed(bins)}, also
 * spelled {@code bins(bins)}, or {@code grid(chunks,us)}). A camera of any size thus maps onto a reservoir
 * of a chosen size: {@code vision=sensor(320,240,2)|downsample(10,8)|fixed(50)} has 32×30×2 inputs.
 *
 * @param name modality name: letters, digits, {@code .}, {@code _} or {@code -}
 * @param transform applied to the sample's events first
 * @param binning turns the transformed events into a window
 * @param expectedGeometry the geometry of the events {@link #encode(Events)} accepts
 */
public record InputSpec(String name, EventTransform transform, SampleBinning binning, SensorGeometry expectedGeometry) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String SENSOR = "sensor";

    /** @throws IllegalArgumentException if the name is malformed or the transforms do not fit the sensor */
    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(binning, "binning");
        Objects.requireNonNull(expectedGeometry, "expectedGeometry");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("input spec name must be letters, digits, '.', '_' or '-', found '"
                    + name + "'");
        }
        // one canonical shape, so a spec equals its parsed description however it was composed
        transform = TransformChain.of(List.of(transform));
        transform.geometry(expectedGeometry);
    }

    /**
     * N-MNIST linear probe: 34×34 DVS, centre 16×16, ON events only (polarity 1; the seed feeds one
     * polarity channel and ON is the one that outlines the strokes), 50 bins over the sample: 256 inputs.
     */
    public static InputSpec visionProbe() {
        return new InputSpec("vision-probe", new CenterCrop(16, 16).andThen(new PolaritySelect(1)),
                new FixedBinning(50), SensorGeometry.pixels(34, 34));
    }

    /** N-TIDIGITS linear probe: 64 cochlea channels on a 1 ms grid cut into 129 chunks: 64 inputs. */
    public static InputSpec audioProbe() {
        return new InputSpec("audio-probe", EventTransform.identity(), new GridChunkBinning(129, 1000),
                SensorGeometry.channels(64));
    }

    /**
     * Intracortical BMI trial: 192 electrodes, 201 equal bins over the trial (the seed's 201 time steps,
     * 10 ms bins over a 2 s handwriting trial): 192 inputs.
     */
    public static InputSpec neuralBmi() {
        return new InputSpec("neural-bmi", EventTransform.identity(), new FixedBinning(201), SensorGeometry.channels(192));
    }

    /** Rate-coded 28×28 image paired with the BMI trials: one polarity, 50 bins: 784 inputs. */
    public static InputSpec imageBmi() {
        return new InputSpec("image-bmi", EventTransform.identity(), new FixedBinning(50), new SensorGeometry(28, 28, 1));
    }

    /** The built-in specs, in the order of the design's seed table. */
    public static List<InputSpec> presets() {
        return List.of(visionProbe(), audioProbe(), neuralBmi(), imageBmi());
    }

    /**
     * The built-in spec called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names if there is none
     */
    public static InputSpec preset(String name) {
        return presets().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of "
                        + presets().stream().map(InputSpec::name).toList() + ", found '" + name + "'"));
    }

    /**
     * Reads {@code name=PIPELINE} as {@link #parse(String)} does, or {@code name=PRESET} (e.g.
     * {@code vision=vision-probe}), the preset under {@code name}: the form of a command line's
     * {@code --input MODALITY=SPEC}.
     *
     * @throws IllegalArgumentException naming the position and what was expected there, or the presets
     */
    public static InputSpec parseOrPreset(String text) {
        Objects.requireNonNull(text, "text");
        int eq = text.indexOf('=');
        String right = eq < 0 ? "" : text.substring(eq + 1).strip();
        if (eq > 0 && NAME.matcher(right).matches() && !right.equals(SENSOR)) {
            InputSpec preset;
            try {
                preset = preset(right);
            } catch (IllegalArgumentException e) {
                throw PipelineSyntax.error(text, eq + 1, "expected a pipeline sensor(w,h,p)|...|binning or a preset name: "
                        + e.getMessage());
            }
            return new InputSpec(text.substring(0, eq).strip(), preset.transform, preset.binning, preset.expectedGeometry);
        }
        return parse(text);
    }

    /**
     * Turns one sample's events into reservoir input.
     *
     * @throws IllegalArgumentException if the events are not on {@link #expectedGeometry()}
     */
    public SpikeWindow encode(Events sampleEvents) {
        requireSensor(sampleEvents.geometry(), "the sample's events");
        return binning.bin(transform.apply(sampleEvents), mapping());
    }

    /**
     * Checks that events of a {@code found} sensor are what this spec reads.
     *
     * @param where names the events' origin for the message (a file, a sample, a source)
     * @throws IllegalArgumentException naming the spec, its sensor and the sensor found
     */
    public void requireSensor(SensorGeometry found, String where) {
        if (!found.equals(expectedGeometry)) {
            throw new IllegalArgumentException("input spec '" + describe() + "' expects events of " + expectedGeometry
                    + ", found " + found + " in " + where);
        }
    }

    /** Number of reservoir inputs: the addresses of the transformed geometry. */
    public int inputs() {
        return outputGeometry().size();
    }

    /** Geometry of the events after the transforms. */
    public SensorGeometry outputGeometry() {
        return transform.geometry(expectedGeometry);
    }

    /** The mapping from transformed events to inputs. */
    public InputMapping mapping() {
        return InputMapping.pixels(outputGeometry());
    }

    /** The canonical textual form; {@code parse(describe())} equals this spec. */
    public String describe() {
        String transforms = transform.describe();
        return name + "=" + PipelineSyntax.format(SENSOR, expectedGeometry.width(), expectedGeometry.height(),
                expectedGeometry.polarities()) + (transforms.isEmpty() ? "" : "|" + transforms) + "|" + binning.describe();
    }

    /**
     * Reads the form {@link #describe()} writes; whitespace between tokens is allowed.
     *
     * @throws IllegalArgumentException naming the position and what was expected there
     */
    public static InputSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw PipelineSyntax.error(text, 0, "expected 'name=sensor(w,h,p)|...|binning', found no '='");
        }
        String name = text.substring(0, eq).strip();
        if (!NAME.matcher(name).matches()) {
            throw PipelineSyntax.error(text, 0, "expected a name of letters, digits, '.', '_' or '-' before '=', found '"
                    + name + "'");
        }
        List<StageCall> stages = PipelineSyntax.parse(text, eq + 1);
        if (stages.size() < 2) {
            throw PipelineSyntax.error(text, eq + 1, "expected at least a sensor and a binning stage, found "
                    + stages.size() + " stage" + (stages.size() == 1 ? "" : "s"));
        }
        StageCall sensor = stages.get(0);
        if (!sensor.name().equals(SENSOR)) {
            throw sensor.error("expected 'sensor(width,height,polarities)' as the first stage, found '"
                    + sensor.name() + "'");
        }
        sensor.requireArity(3, "sensor(width,height,polarities)");
        SensorGeometry geometry = new SensorGeometry(sensor.intArg(0, 1), sensor.intArg(1, 1), sensor.intArg(2, 1));
        EventTransform transform = TransformChain.of(stages.subList(1, stages.size() - 1).stream()
                .map(EventTransform::fromStage).toList());
        SampleBinning binning = SampleBinning.fromStage(stages.get(stages.size() - 1));
        try {
            return new InputSpec(name, transform, binning, geometry);
        } catch (IllegalArgumentException e) {
            throw PipelineSyntax.error(text, eq + 1, e.getMessage());
        }
    }
}
