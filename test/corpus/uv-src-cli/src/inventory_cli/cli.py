import click

from inventory_cli import STOCK


@click.command()
@click.option("--low", default=50, show_default=True, help="Threshold for low stock.")
def main(low: int) -> None:
    """Print a one-line stock summary."""
    low_items = sorted(name for name, qty in STOCK.items() if qty < low)
    click.echo(f"inventory: {sum(STOCK.values())} parts, low stock: {', '.join(low_items) or 'none'}")
