"""MkDocs integration: a Markdown extension for the directive and a thin plugin around it."""
