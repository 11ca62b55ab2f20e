"""Make training/fixtures/ohlcv-gaps from training/fixtures/ohlcv: the same candles with runs deleted, the way a
Binance maintenance window removes them (no rows, not zero rows). Positions differ per token; the longest run
is 56 candles (4 h 40 min), as in the longest real gap we met. Deterministic: rerun to get the same files."""
import gzip
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "training" / "fixtures"
# (first deleted data row, candles deleted), per token; 4 outages each.
OUTAGES = {
    "UNI": [(640, 1), (1210, 12), (1900, 56), (2480, 3)],
    "AAVE": [(700, 3), (1333, 56), (2010, 1), (2600, 12)],
    "LINK": [(555, 12), (1111, 1), (1800, 3), (2444, 56)],
    "MKR": [(800, 56), (1400, 12), (2100, 3), (2700, 1)],
    "CRV": [(620, 2), (1280, 24), (1950, 56), (2550, 6)],
}
for token, runs in OUTAGES.items():
    src = ROOT / "ohlcv" / f"{token}_USDT-5m.csv.gz"
    lines = gzip.decompress(src.read_bytes()).decode().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    drop = {i for start, n in runs for i in range(start, start + n)}
    kept = [r for i, r in enumerate(rows) if i not in drop]
    (ROOT / "ohlcv-gaps").mkdir(exist_ok=True)
    out = ROOT / "ohlcv-gaps" / src.name
    out.write_bytes(gzip.compress((header + "".join(kept)).encode(), mtime=0))
    print(f"{out}: {len(rows) - len(kept)} candles removed in {len(runs)} gaps")
