from tabulate import tabulate

rows = [("Brest", "06:12", 6.8), ("Saint-Malo", "07:01", 11.9)]
print(tabulate(rows, headers=["port", "high tide", "metres"]))
print(f"tide report for {len(rows)} ports")
