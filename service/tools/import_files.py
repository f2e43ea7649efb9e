"""Reads the files ``ties import`` takes: CSV, or TSV when the name ends in ``.tsv``, maybe gzipped.

A file has a header row naming its columns; the columns a kind of file needs must be there (in
any order, names compared without case or surrounding spaces), the others are ignored. Each data
row comes back as the values of the wanted columns with its line number, so that every error can
point at the line to fix. Blank lines are skipped.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from service.errors import BadUserInput

# Fields may be long (post texts): allow up to 1 MiB rather than csv's default 128 KiB.
csv.field_size_limit(1 << 20)


class ImportFileError(BadUserInput):
    """A file cannot be imported: missing, unreadable, wrong header or a malformed row."""


#: A data row: its line number, and the values of the wanted columns in the order asked for
#: ("" for an optional column the file lacks).
Row = tuple[int, tuple[str, ...]]


def is_tsv(path: Path) -> bool:
    return path.name.lower().endswith((".tsv", ".tsv.gz"))


def _open(path: Path) -> io.TextIOWrapper:
    """Text over the file, gunzipped when the name ends in .gz; the caller closes it."""
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")  # noqa: SIM115
    # utf-8-sig drops the byte-order mark spreadsheets like to write.
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def require(path: Path, kind: str) -> None:
    """Raises ImportFileError unless ``path`` is a file (checked for every file before reading any)."""
    if not path.is_file():
        raise ImportFileError(f"{kind} file {str(path)!r} does not exist (or is not a file).")


def read(path: Path, kind: str, required: Sequence[str], optional: Sequence[str] = ()) -> Iterator[Row]:
    """Yields the rows of ``path``; raises ImportFileError naming the file (and line) on any problem."""
    require(path, kind)
    wanted = [*required, *optional]
    line = 1
    try:
        with _open(path) as text:
            reader = (csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE) if is_tsv(path)
                      else csv.reader(text, strict=True))
            header = next(reader, None) or []
            names = [name.strip().lower() for name in header]
            if missing := [column for column in required if column.lower() not in names]:
                raise ImportFileError(
                    f"{path}: line 1 must be the header row {','.join(wanted)} for a {kind} file "
                    f"(other columns are ignored); found {','.join(header) or 'nothing'!r}, "
                    f"missing {', '.join(missing)}."
                )
            positions = [names.index(column.lower()) if column.lower() in names else None
                         for column in wanted]
            width = len(names)
            for fields in reader:
                line = reader.line_num
                if not fields or fields == [""]:
                    continue
                if len(fields) != width:
                    raise ImportFileError(f"{path}: line {line}: expected {width} fields like the header, "
                                     f"found {len(fields)}.")
                yield line, tuple(fields[i].strip() if i is not None else "" for i in positions)
    except csv.Error as exc:
        raise ImportFileError(f"{path}: line {line + 1}: {exc}.") from None
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: is not UTF-8 text (after line {line}).") from None
    except (gzip.BadGzipFile, EOFError) as exc:
        raise ImportFileError(f"{path}: is not a readable gzip file ({exc}).") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
