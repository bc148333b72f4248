package io.liquidstream.core.stream;

/** Why an input went to the dead-letter queue; the reason is the DLQ record's error header. */
public enum RejectReason {
    /** The bytes are not a record of any known encoding. */
    UNDECODABLE,
    /** The record names a schema this service does not know. */
    UNKNOWN_SCHEMA,
    /** The packet's modality has no model in the bundle. */
    UNKNOWN_MODALITY,
    /** Columns of different lengths, negative or decreasing time offsets, or a missing sample id. */
    MALFORMED,
    /** An event address lies outside the modality's declared sensor. */
    ADDRESS_OUT_OF_RANGE,
    /** The packet's source announced (in a {@code SensorInfo}) a sensor other than the one the modality's model reads. */
    SENSOR_MISMATCH,
    /**
     * Events of a continuous stream earlier than the bin its sliding windows have reached (packets of
     * one sample may overlap in time; they are merged).
     */
    TIME_BACKWARDS,
    /** A packet that arrived after its sequence gap had been given up. */
    LATE,
    /** A packet or open sample with more events than allowed. */
    OVERSIZED,
    /** A negative {@code t0Micros}, or an event time {@code t0Micros + dt} beyond the supported clock range. */
    BAD_TIME
}
