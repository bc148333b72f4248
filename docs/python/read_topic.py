"""Prints LiquidStream's Avro records from a Kafka topic as JSON lines, one per record.

Needs Debian's python3-avro and python3-confluent-kafka (apt-get install python3-avro
python3-confluent-kafka) and the schemas in schemas/src/main/avro. Records are single-object encoded:
C3 01, the writer schema's CRC-64-AVRO fingerprint (8 bytes, little-endian), then the Avro binary body.

  /usr/bin/python3 docs/python/read_topic.py --bootstrap-servers localhost:9092 --topic lsm.associations
"""
import argparse
import io
import json
import pathlib
import sys
import time
import uuid

import avro.io
import avro.name
import avro.schema
from confluent_kafka import Consumer, KafkaException

# Named types before the records that use them.
SCHEMA_FILES = ["Modality", "Match", "EventPacket", "SensorInfo", "Embedding", "Association", "ClassAnchor"]
MESSAGE_TYPES = ["EventPacket", "SensorInfo", "Embedding", "Association", "ClassAnchor"]
EMPTY = 0xC15D213AA4D7A795  # CRC-64-AVRO, as the Avro specification defines it
TABLE = []
for i in range(256):
    fp = i
    for _ in range(8):
        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
    TABLE.append(fp)


def fingerprint(schema: avro.schema.Schema) -> bytes:
    """The 8 header bytes naming a schema: CRC-64-AVRO of its parsing canonical form, little-endian."""
    fp = EMPTY
    for byte in schema.canonical_form.encode("utf-8"):
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp.to_bytes(8, "little")


def load_schemas(directory: pathlib.Path) -> dict:
    """Each message type's schema, by the fingerprint its records carry."""
    names = avro.name.Names()
    parsed = {}
    for name in SCHEMA_FILES:
        with open(directory / f"{name}.avsc") as f:
            parsed[name] = avro.schema.make_avsc_object(json.load(f), names)
    return {fingerprint(parsed[name]): parsed[name] for name in MESSAGE_TYPES}


def decode(value: bytes, schemas: dict) -> tuple:
    """One record value: its message type and the message as a dict."""
    if value[:2] != b"\xc3\x01":
        raise ValueError(f"expected Avro single-object marker c301, found {value[:2].hex()}")
    schema = schemas.get(value[2:10])
    if schema is None:
        raise ValueError(f"writer schema fingerprint {value[2:10].hex()} is none of {sorted(s.name for s in schemas.values())}")
    reader = avro.io.DatumReader(schema, schema)
    return schema.name, reader.read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))


def main() -> int:
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", default="localhost:9092")
    parser.add_argument("--topic", default="lsm.associations")
    parser.add_argument("--schemas", type=pathlib.Path, default=here.parent.parent / "schemas/src/main/avro")
    parser.add_argument("--max", type=int, help="stop after this many records")
    parser.add_argument("--timeout", type=float, help="give up after this many seconds (exit 1)")
    args = parser.parse_args()

    schemas = load_schemas(args.schemas)
    # Use read_committed when the service runs exactly-once: aborted output never shows.
    consumer = Consumer({"bootstrap.servers": args.bootstrap_servers, "group.id": f"read-topic-{uuid.uuid4()}",
                         "auto.offset.reset": "earliest", "isolation.level": "read_committed",
                         "enable.auto.commit": False})
    consumer.subscribe([args.topic])
    deadline = None if args.timeout is None else time.monotonic() + args.timeout
    count = 0
    try:
        while args.max is None or count < args.max:
            if deadline is not None and time.monotonic() > deadline:
                print(f"read {count} of {args.max} records from {args.topic} in {args.timeout} s", file=sys.stderr)
                return 1
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                raise KafkaException(msg.error())
            key = msg.key().decode("utf-8") if msg.key() is not None else None
            line = {"partition": msg.partition(), "offset": msg.offset(), "key": key}
            try:
                if msg.value() is None:
                    line.update(type=None, value=None)  # a tombstone: the key's record was deleted
                else:
                    kind, message = decode(msg.value(), schemas)
                    line.update(type=kind, value=message)
            except ValueError as e:
                line.update(error=str(e))
            print(json.dumps(line), flush=True)
            count += 1
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
