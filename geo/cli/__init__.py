"""The command line, `python -m geo COMMAND`: one module per command (extract, ingest, events, export, evaluate),
found by name. The top layer: may import any stage.
"""
