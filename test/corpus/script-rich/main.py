from rich.console import Console
from rich.table import Table

console = Console()

table = Table(title="Inventory")
table.add_column("item")
table.add_column("qty", justify="right")
for item, qty in [("apples", 3), ("pears", 5)]:
    table.add_row(item, str(qty))

console.print(table)
console.print("inventory report done: 8 items", style="bold")
