allocation {
	thin_pool_chunk_size_policy = "generic"
	thin_pool_zero = 1
}
