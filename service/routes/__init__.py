"""The /api routes, one module per resource; each route is a few lines over a service module."""
