package io.liquidstream.cli;

import io.liquidstream.core.event.SensorGeometry;
import picocli.CommandLine.ITypeConverter;

/** Reads a {@code --sensor} value: {@code WxH} (two polarities), {@code WxHxP} or a channel count. */
final class SensorConverter implements ITypeConverter<SensorGeometry> {
    @Override
    public SensorGeometry convert(String value) {
        return SensorGeometry.parse(value);
    }
}
