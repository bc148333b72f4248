package io.liquidstream.connectors.synth.speech;

import io.liquidstream.connectors.synth.cochlea.CochleaModel;
import io.liquidstream.connectors.synth.speech.EspeakSpeaker.Utterance;
import io.liquidstream.connectors.synth.speech.EspeakSpeaker.Voice;
import io.liquidstream.connectors.synth.speech.SpeakerCatalog.Speaker;
import io.liquidstream.core.event.LabeledSample;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Spoken-digit spike data in the manner of N-TIDIGITS: the eleven TIDIGITS words spoken by espeak-ng
 * voices and heard through a {@link CochleaModel}.
 *
 * <p>Labels follow the N-TIDIGITS reader: "zero" is 0, "one".."nine" are 1..9 and "oh" is 10. Sample
 * ids are {@code <speakerId>-<wordsPerMinute>-<pitch>-<labelChar>} with labelChar {@code z}, {@code o}
 * or {@code 1..9}, so the last {@code -} field is the N-TIDIGITS label.
 */
public final class SpokenDigitsGenerator {

    /** The words, indexed by label: {@code WORDS.get(label)}. */
    public static final List<String> WORDS =
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "oh");

    /** Default speaking rates (words per minute); slow enough that a digit lasts roughly 0.3–0.7 s. */
    public static final List<Integer> SPEEDS = List.of(115, 145);

    /** Default pitch adjustments around each variant's own pitch (50). */
    public static final List<Integer> PITCHES = List.of(35, 50, 65);

    /**
     * Voices for training and testing, from disjoint speakers.
     *
     * @param train every voice of the training speakers
     * @param test every voice of the test speakers
     */
    public record Split(List<Speaker> trainSpeakers, List<Speaker> testSpeakers, List<Voice> train, List<Voice> test) {
    }

    private SpokenDigitsGenerator() {
    }

    /** The label of a TIDIGITS word: its index in {@link #WORDS}. */
    public static int label(String word) {
        int label = WORDS.indexOf(word);
        if (label < 0) {
            throw new IllegalArgumentException("expected one of " + WORDS + ", found '" + word + "'");
        }
        return label;
    }

    /** The N-TIDIGITS label character: {@code z} for 0, {@code 1..9}, {@code o} for 10. */
    public static char labelChar(int label) {
        if (label < 0 || label > 10) {
            throw new IllegalArgumentException("TIDIGITS labels are 0..10, found " + label);
        }
        return label == 0 ? 'z' : label == 10 ? 'o' : (char) ('0' + label);
    }

    /** A speaker-independent split with the default {@link #SPEEDS} and {@link #PITCHES}. */
    public static Split speakers(int trainSpeakers, int testSpeakers, long seed) {
        return speakers(trainSpeakers, testSpeakers, seed, SPEEDS, PITCHES);
    }

    /**
     * A speaker-independent split: speakers of {@link SpeakerCatalog#english()} are shuffled with
     * {@code seed}, women and men separately and then interleaved in proportion, so both sides get
     * about the catalogue's share of each; the first {@code testSpeakers} go to test and the next
     * {@code trainSpeakers} to train. Each speaker contributes one voice per speed × pitch.
     */
    public static Split speakers(int trainSpeakers, int testSpeakers, long seed, List<Integer> speeds,
            List<Integer> pitches) {
        List<Speaker> all = SpeakerCatalog.english();
        if (trainSpeakers < 0 || testSpeakers < 0 || trainSpeakers + testSpeakers > all.size()) {
            throw new IllegalArgumentException("espeak-ng offers " + all.size() + " speakers, asked for "
                    + trainSpeakers + " train + " + testSpeakers + " test");
        }
        List<Speaker> order = interleaveByGender(all, new Random(seed));
        List<Speaker> test = List.copyOf(order.subList(0, testSpeakers));
        List<Speaker> train = List.copyOf(order.subList(testSpeakers, testSpeakers + trainSpeakers));
        return new Split(train, test, voices(train, speeds, pitches), voices(test, speeds, pitches));
    }

    private static List<Speaker> interleaveByGender(List<Speaker> all, Random random) {
        List<Speaker> women = new ArrayList<>();
        List<Speaker> men = new ArrayList<>();
        for (Speaker s : all) {
            (s.gender() == 'F' ? women : men).add(s);
        }
        Collections.shuffle(women, random);
        Collections.shuffle(men, random);
        List<Speaker> order = new ArrayList<>(all.size());
        int w = 0;
        int m = 0;
        while (w < women.size() || m < men.size()) {
            // Take from whichever group is furthest behind its share of the catalogue.
            boolean takeWoman = m == men.size()
                    || (w < women.size() && (double) w / women.size() <= (double) m / men.size());
            order.add(takeWoman ? women.get(w++) : men.get(m++));
        }
        return order;
    }

    private static List<Voice> voices(List<Speaker> speakers, List<Integer> speeds, List<Integer> pitches) {
        List<Voice> voices = new ArrayList<>(speakers.size() * speeds.size() * pitches.size());
        for (Speaker speaker : speakers) {
            for (int speed : speeds) {
                for (int pitch : pitches) {
                    voices.add(speaker.voice(speed, pitch));
                }
            }
        }
        return List.copyOf(voices);
    }

    /**
     * Every word in every voice, through espeak-ng on {@code PATH}, on up to two threads.
     *
     * @param progress told the number of samples finished so far, on the calling thread
     */
    public static List<LabeledSample> generate(List<Voice> voices, CochleaModel cochlea, IntConsumer progress)
            throws IOException {
        return generate(new EspeakSpeaker(), voices, cochlea, progress,
                Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Every word in every voice, voice by voice in the given order and words in label order within a
     * voice. The result does not depend on {@code threads}.
     *
     * @throws IOException the first failure of espeak-ng, naming the voice and word
     */
    public static List<LabeledSample> generate(EspeakSpeaker speaker, List<Voice> voices, CochleaModel cochlea,
            IntConsumer progress, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "spoken-digits");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LabeledSample>> pending = new ArrayList<>(voices.size() * WORDS.size());
            for (Voice voice : voices) {
                for (int label = 0; label < WORDS.size(); label++) {
                    int l = label;
                    pending.add(pool.submit(() -> sample(speaker, voice, l, cochlea)));
                }
            }
            List<LabeledSample> samples = new ArrayList<>(pending.size());
            for (Future<LabeledSample> f : pending) {
                samples.add(await(f));
                progress.accept(samples.size());
            }
            return samples;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One word in one voice. */
    public static LabeledSample sample(EspeakSpeaker speaker, Voice voice, int label, CochleaModel cochlea)
            throws IOException {
        Utterance utterance = speaker.speak(WORDS.get(label), voice);
        float[] speech = withoutTrailingSilence(utterance);
        return new LabeledSample(voice.id() + "-" + labelChar(label), label,
                cochlea.encode(speech, utterance.sampleRate()));
    }

    /**
     * espeak-ng ends each word with 0.3–0.6 s of digital silence, where a cochlea stays silent anyway;
     * cutting it (keeping 50 ms for the filters to ring down) halves the encoding work. Event times are
     * unchanged because the start is kept.
     */
    private static float[] withoutTrailingSilence(Utterance utterance) {
        float[] samples = utterance.samples();
        int last = samples.length - 1;
        while (last >= 0 && Math.abs(samples[last]) < 1e-4f) {
            last--;
        }
        int keep = Math.min(samples.length, last + 1 + utterance.sampleRate() / 20);
        return keep == samples.length ? samples : Arrays.copyOf(samples, keep);
    }

    private static LabeledSample await(Future<LabeledSample> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while generating spoken digits");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("spoken-digit generation failed", cause);
        }
    }
}
