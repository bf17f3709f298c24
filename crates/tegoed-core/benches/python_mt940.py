"""Times the python `mt-940` package (PyPI) on an MT940 file, for comparison
with Tegoed's reader in `benches/statement.rs`. Installs mt-940 with pip when
it is missing. Usage: python3 python_mt940.py FILE"""

import subprocess
import sys
import time

try:
    import mt940  # noqa: F401
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "mt-940"], check=True)
import mt940

path = sys.argv[1]
with open(path, "rb") as handle:
    data = handle.read()
start = time.perf_counter()
transactions = mt940.models.Transactions()
transactions.parse(data.decode("utf-8"))
elapsed = time.perf_counter() - start
count = len(transactions.transactions)
print(f"python mt-940 {mt940.__version__}: {count} transactions in {elapsed:.2f} s = {count / elapsed:,.0f} tx/s")
