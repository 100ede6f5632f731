"""iro-warehouse: the data warehouse behind a council's IRO service."""

__version__ = "0.1.0"
