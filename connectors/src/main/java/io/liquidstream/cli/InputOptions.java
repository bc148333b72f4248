package io.liquidstream.cli;

import io.liquidstream.core.binning.InputSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --input MODALITY=SPEC}, repeatable: how a modality's events become reservoir input (sensor,
 * transforms, binning; docs/input-spec.md). Shared by the commands that read data sets.
 */
final class InputOptions {

    static final String HELP = "How MODALITY's events become reservoir input: "
            + "sensor(W,H,P)|transforms...|binning, for example vision=sensor(320,240,2)|downsample(10,8)|fixed(50) or "
            + "neural=sensor(1024,1,1)|fixed(201), or a preset (vision-probe, audio-probe, neural-bmi, image-bmi). "
            + "Transforms: crop(w,h), polarity(p), downsample(fx,fy), refractory(us), denoise(us); binning: "
            + "fixed(bins) (or bins(n)), grid(chunks,us). Repeat for each modality; the model records it. "
            + "Default: the seed's spec for the data set.";

    private static final Set<String> MODALITIES = Set.of("vision", "audio", "neural");

    @Option(names = "--input", paramLabel = "M=SPEC", description = HELP)
    List<String> texts = new ArrayList<>();

    /**
     * The specs given, by modality, each named after its modality.
     *
     * @throws IllegalArgumentException naming the position of a syntax error, an unknown modality, or one
     *     given twice
     */
    Map<String, InputSpec> specs() {
        Map<String, InputSpec> out = new LinkedHashMap<>();
        for (String text : texts) {
            InputSpec spec;
            try {
                spec = InputSpec.parseOrPreset(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--input: " + e.getMessage(), e);
            }
            if (!MODALITIES.contains(spec.name())) {
                throw new IllegalArgumentException("--input '" + text + "': expected a modality of vision, audio or "
                        + "neural before '=', found '" + spec.name() + "'");
            }
            if (out.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("--input names " + spec.name() + " twice");
            }
        }
        return out;
    }
}
