"""The donthu service: database, queue, HTTP API, review pages and the command line."""
