package dev.sealdrop.server.system;

import java.util.List;

/**
 * One page of a list endpoint. Pages are zero-based.
 *
 * @param items the items on this page
 * @param page the zero-based page number
 * @param size the requested page size
 * @param totalItems the number of items across all pages
 * @param totalPages the number of pages of {@code size} items
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

	/** Largest page size any list endpoint accepts. */
	public static final int MAX_SIZE = 100;

	public PageResponse {
		items = List.copyOf(items);
	}

	public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
		return new PageResponse<>(items, page, size, totalItems, (totalItems + size - 1) / size);
	}

}
