"""The web app's views, one module per page: each parses the request, checks
whose data it is (request.owner) and renders over the shared services and queries."""
