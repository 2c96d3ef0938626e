"""Parse an OpenMetrics file with prometheus-client's parsers and print what they read, as JSON.

usage: python parse_openmetrics.py FILE

Runs in the venv of scripts/validators-venv.sh. The file is parsed twice: by the OpenMetrics parser
(prometheus_client.openmetrics.parser, which requires `# EOF`, checks units against names, refuses
blank lines, metadata after samples and a family split in two) and by the Prometheus text format 0.0.4
parser (prometheus_client.parser), which is what node_exporter's textfile collector and a Pushgateway
speak. Exit 1 with the parser's message when either refuses the file.
"""

import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics_families
from prometheus_client.parser import text_string_to_metric_families as text_families


def describe(families):
    return [
        {
            "name": family.name,
            "type": family.type,
            "unit": family.unit,
            "help": family.documentation,
            "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
        }
        for family in families
    ]


def main():
    with open(sys.argv[1], encoding="utf-8", newline="") as handle:
        text = handle.read()
    try:
        openmetrics = describe(openmetrics_families(text))
    except Exception as error:  # the parser raises ValueError, and sometimes bare exceptions
        print(f"OpenMetrics parser: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    try:
        text_format = describe(text_families(text))
    except Exception as error:
        print(f"text format 0.0.4 parser: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    json.dump({"openmetrics": openmetrics, "text_format": text_format}, sys.stdout, allow_nan=False, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
