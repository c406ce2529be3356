allocation {
	thin_pool_chunk_size_policy = "performance"
	thin_pool_zero = 0
}
