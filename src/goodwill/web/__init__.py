"""The web app: views that parse, authorize and render over the shared services."""
