"""Files on disk: where they live by default, shipped resources, writing one atomically."""
