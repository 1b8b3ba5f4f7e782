"""A process of the concurrent-writers test: adds its share of the records to one PostgreSQL archive."""
from __future__ import annotations

import json
import sys

from vnparty_nlp.archive import Archive

if __name__ == "__main__":
    url, path, start, stop = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f][start:stop]
    with Archive(url) as archive:
        report = archive.add(records, batch_size=7)
    sys.stdout.write(json.dumps({"added": report.added, "updated": report.updated,
                                 "unchanged": report.unchanged}) + "\n")
