package io.liquidstream.cli;

import io.liquidstream.connectors.anchors.AnchorExemplars;
import io.liquidstream.connectors.anchors.AnchorRecords;
import io.liquidstream.connectors.anchors.AnchorTopic;
import io.liquidstream.connectors.service.LiquidStreamService;
import io.liquidstream.core.stream.Modalities;
import io.liquidstream.schemas.ClassAnchor;
import io.liquidstream.schemas.EventPacket;
import io.liquidstream.schemas.EventPackets;
import io.liquidstream.schemas.Modality;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liquidstream anchors}: register, list and remove run-time class anchors on the anchors topic. */
@Command(name = "anchors", header = "Add, list and remove class anchors while the service runs.",
        mixinStandardHelpOptions = true,
        description = "A running service (serve, demo) reads the anchors topic continuously: a class gets a "
                + "prototype per modality, the mean of its anchors' embeddings, from the next query on, without "
                + "retraining.",
        subcommands = {AnchorsCommand.Add.class, AnchorsCommand.ListAnchors.class, AnchorsCommand.Remove.class})
final class AnchorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Where the anchors topic is: the same flags for every subcommand. */
    static final class TopicOptions {

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--topic", defaultValue = "lsm.anchors", paramLabel = "T",
                description = "The compacted anchors topic, which serve reads (its setting topic.anchors). "
                        + "Default: ${DEFAULT-VALUE}.")
        String topic;

        @Mixin
        BrokerTimeout broker;

        AnchorTopic open() throws IOException {
            if (broker.timeout.isNegative() || broker.timeout.isZero()) {
                throw new IllegalArgumentException("--timeout must be positive, found " + DurationConverter.format(broker.timeout));
            }
            return new AnchorTopic(kafka.clientProperties(), topic, broker.timeout);
        }
    }

    /** What the subcommands share: the anchors topic they work on and the output. */
    abstract static class OnTopic implements Callable<Integer> {

        @Mixin
        JsonOption output;

        @Mixin
        TopicOptions where;

        @Spec
        CommandSpec spec;
    }

    @Command(name = "add", header = "Publish exemplars of a class, read from a recording or data set.",
            mixinStandardHelpOptions = true,
            description = "Reads FROM the way replay does: from a labelled data set (N-MNIST folder, N-TIDIGITS / SHD "
                    + "HDF5) the first --count samples labelled --class (Train before Test); from any other recording "
                    + "its first --count spans of --span. Each becomes one ClassAnchor with the raw events as "
                    + "exemplar, keyed class-C/MODALITY/SAMPLE: adding the same samples again replaces them.")
    static final class Add extends OnTopic {

        @Option(names = "--class", required = true, paramLabel = "C", description = "Class label (>= 0).")
        int classLabel;

        @Option(names = "--name", paramLabel = "NAME", description = "Class name shown to operators (e.g. eight).")
        String name;

        @Option(names = "--from", required = true, paramLabel = "FILE|DIR",
                description = "Recording file, HDF5 data set or N-MNIST folder.")
        Path from;

        @Option(names = "--count", defaultValue = "5", paramLabel = "N",
                description = "Exemplars to publish. Default: ${DEFAULT-VALUE}.")
        int count;

        @Option(names = "--modality", paramLabel = "M",
                description = "vision, audio or neural. Default: vision for a folder or recording; required for HDF5.")
        String modality;

        @Option(names = "--span", defaultValue = "300ms", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Length of one exemplar of a recording without samples. Default: ${DEFAULT-VALUE}.")
        Duration span;

        /** The spelling before durations took units ({@code --span-ms 300}); wins when given. */
        @Option(names = "--span-ms", hidden = true, paramLabel = "MS")
        Long spanMillis;

        @Option(names = "--note", paramLabel = "TEXT", description = "Free text stored with each anchor.")
        String note;

        @Override
        public Integer call() throws IOException {
            if (!Files.exists(from)) {
                throw new NoSuchFileException(from.toString(), null, "expected a recording, an HDF5 data set or an N-MNIST folder");
            }
            Modality m = modality != null ? Modalities.of(modality) : AnchorExemplars.defaultModality(from).orElseThrow(
                    () -> new IllegalArgumentException("an HDF5 data set holds audio or neural events: pass --modality for "
                            + from));
            if (m == Modality.UNKNOWN) {
                throw new IllegalArgumentException("--modality must be vision, audio or neural, found '" + modality + "'");
            }
            String mod = Modalities.name(m);
            String source = "anchors/" + from.toAbsolutePath().normalize().getFileName();
            AnchorExemplars.Read read = AnchorExemplars.read(from, source, m, classLabel, count,
                    spanMillis != null ? spanMillis * 1_000 : span.toNanos() / 1_000);
            List<ClassAnchor> anchors = AnchorRecords.ofExemplars(classLabel, name, read.exemplars(),
                    LiquidStreamService.wallMicros(), note != null ? note : "liquidstream anchors add --from " + from);
            AnchorTopic topic = where.open();
            topic.publish(anchors);

            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("topic", topic.topic());
                f.put("class", classLabel);
                f.put("name", name);
                f.put("modality", mod);
                f.put("published", anchors.size());
                f.put("ids", anchors.stream().map(a -> a.getAnchorId().toString()).toList());
                out.println(Json.line(f));
            } else {
                out.printf("published %d %s anchor%s of class %d%s to %s from %s%n", anchors.size(), mod,
                        anchors.size() == 1 ? "" : "s", classLabel, name != null ? " (" + name + ")" : "", topic.topic(),
                        read.description());
                for (ClassAnchor a : anchors) {
                    out.printf("  %s  %d events%n", a.getAnchorId(), EventPackets.size((EventPacket) a.getExemplar()));
                }
                if (anchors.size() < count) {
                    out.printf("  (asked for %d; the input has only %d)%n", count, anchors.size());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", header = "Show the anchors registered on the topic, per class.", mixinStandardHelpOptions = true,
            description = "Reads the compacted topic to its end (removed anchors left out) and shows, per class, the "
                    + "anchors per modality and their ids.")
    static final class ListAnchors extends OnTopic {

        @Override
        public Integer call() throws IOException {
            AnchorTopic topic = where.open();
            AnchorTopic.Catalogue catalogue = topic.read();
            Map<Integer, List<ClassAnchor>> byClass = catalogue.byClass();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                List<Map<String, Object>> classes = new ArrayList<>();
                byClass.forEach((c, anchors) -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("class", c);
                    f.put("name", nameOf(anchors));
                    f.put("count", perModality(anchors));
                    f.put("ids", anchors.stream().map(a -> a.getAnchorId().toString()).toList());
                    classes.add(f);
                });
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("topic", topic.topic());
                f.put("anchors", catalogue.anchors().size());
                f.put("undecodable", catalogue.undecodable());
                f.put("classes", classes);
                out.println(Json.line(f));
            } else {
                out.printf("%s: %d anchor%s of %d class%s%s%n", topic.topic(), catalogue.anchors().size(),
                        catalogue.anchors().size() == 1 ? "" : "s", byClass.size(), byClass.size() == 1 ? "" : "es",
                        catalogue.undecodable() > 0 ? ", " + catalogue.undecodable() + " undecodable records" : "");
                byClass.forEach((c, anchors) -> {
                    String n = nameOf(anchors);
                    StringBuilder counts = new StringBuilder();
                    perModality(anchors).forEach((m, k) -> counts.append(counts.length() == 0 ? "" : ", ").append(m)
                            .append(' ').append(k));
                    out.printf("class %d%s: %s%n", c, n != null ? " (" + n + ")" : "", counts);
                    for (ClassAnchor a : anchors) {
                        out.printf("  %s%n", a.getAnchorId());
                    }
                });
            }
            out.flush();
            return 0;
        }

        private static String nameOf(List<ClassAnchor> anchors) {
            for (int i = anchors.size() - 1; i >= 0; i--) {
                if (anchors.get(i).getClassName() != null) {
                    return anchors.get(i).getClassName().toString();
                }
            }
            return null;
        }

        private static Map<String, Integer> perModality(List<ClassAnchor> anchors) {
            Map<String, Integer> counts = new TreeMap<>();
            anchors.forEach(a -> counts.merge(Modalities.name(a.getModality()), 1, Integer::sum));
            return counts;
        }
    }

    @Command(name = "remove", header = "Remove anchors (tombstones on the compacted topic).", mixinStandardHelpOptions = true,
            description = "Removes every anchor of a class (optionally of one modality), or the anchors with the "
                    + "given ids; the service recomputes the class's prototype, or drops it with the last anchor.")
    static final class Remove extends OnTopic {

        static final class Which {
            @Option(names = "--class", paramLabel = "C", description = "Remove every anchor of this class.")
            Integer classLabel;

            @Option(names = "--id", paramLabel = "ID", description = "Remove the anchor with this id (repeatable).")
            List<String> ids;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--modality", paramLabel = "M", description = "With --class: only anchors of this modality.")
        String modality;

        @Override
        public Integer call() throws IOException {
            AnchorTopic topic = where.open();
            AnchorTopic.Catalogue registered = topic.read();
            List<String> ids = which.classLabel != null
                    ? registered.idsOf(which.classLabel, modality == null ? null : Modalities.of(modality))
                    : List.copyOf(which.ids);
            List<String> unknown = ids.stream().filter(id -> !registered.contains(id)).toList();
            topic.remove(ids);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("topic", topic.topic());
                f.put("removed", ids.size() - unknown.size());
                f.put("ids", ids);
                f.put("notRegistered", unknown);
                out.println(Json.line(f));
            } else {
                out.printf(Locale.ROOT, "removed %d anchor%s from %s%s%n", ids.size() - unknown.size(),
                        ids.size() - unknown.size() == 1 ? "" : "s", topic.topic(),
                        which.classLabel != null ? " (class " + which.classLabel + (modality != null ? ", " + modality : "")
                                + ")" : "");
                ids.forEach(id -> out.printf("  %s%s%n", id, unknown.contains(id) ? "  (was not registered)" : ""));
            }
            out.flush();
            return 0;
        }
    }
}
