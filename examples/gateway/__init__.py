"""The three-protocol example gateway, its mock upstreams and its demo (see examples/README.md)."""
