"""Confluent's own Python client (Debian python3-confluent-kafka + python3-avro) against Driftwatch.

produce <bootstrap> <registry> <topic> <schema file> <count>
    registers the schema through CachedSchemaRegistryClient and produces <count> PredictionEvents
    with confluent_kafka.avro.AvroProducer (null keys).
consume <bootstrap> <registry> <topic> <count> <out file>
    reads <count> records with confluent_kafka.avro.AvroConsumer and writes them as JSON lines,
    with event_time as epoch milliseconds.
"""
import datetime
import json
import sys

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def event(n):
    # Mirror of InteropEvents.prediction(n) on the Java side.
    return {
        "prediction_id": "py-%d" % n,
        "model_id": "propensity",
        "model_version": "7",
        "event_time": EPOCH + datetime.timedelta(milliseconds=1790000000000 + n * 1000),
        "numeric_features": {"basket_value": 10.5 + n, "visits_30d": float(n % 13)},
        "categorical_features": {"device": "mobile" if n % 2 == 0 else "desktop"},
        "score": n / 100.0,
        "predicted_label": "1" if n % 2 == 0 else "0",
        "class_probabilities": {"1": n / 100.0, "0": 1 - n / 100.0},
        "segments": {"country": "DE"},
        "serving_latency_ms": None if n % 3 == 0 else 4.25 * n,
        "quality_issues": [{"feature": "visits_30d", "kind": "OUT_OF_RANGE"}] if n % 4 == 0 else [],
    }


def produce(bootstrap, registry, topic, schema_file, count):
    with open(schema_file) as f:
        schema = avro.loads(f.read())
    producer = AvroProducer({"bootstrap.servers": bootstrap, "schema.registry.url": registry},
                            default_value_schema=schema)
    for n in range(count):
        producer.produce(topic=topic, value=event(n))
    remaining = producer.flush(30)
    if remaining:
        sys.exit("%d records not delivered" % remaining)


def to_json(value):
    if isinstance(value, datetime.datetime):
        return int((value - EPOCH).total_seconds() * 1000)
    raise TypeError(type(value))


def consume(bootstrap, registry, topic, count, out_file):
    consumer = AvroConsumer({"bootstrap.servers": bootstrap, "schema.registry.url": registry,
                             "group.id": "confluent-interop", "auto.offset.reset": "earliest"})
    consumer.subscribe([topic])
    records = []
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=60)
    while len(records) < count and datetime.datetime.now() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            sys.exit("consumer error: %s" % message.error())
        records.append(message.value())
    consumer.close()
    with open(out_file, "w") as f:
        for record in records:
            f.write(json.dumps(record, default=to_json, sort_keys=True) + "\n")
    if len(records) < count:
        sys.exit("only %d of %d records arrived" % (len(records), count))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "produce":
        produce(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    elif mode == "consume":
        consume(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
    else:
        sys.exit("unknown mode " + mode)
