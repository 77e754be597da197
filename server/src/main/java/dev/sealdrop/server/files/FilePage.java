package dev.sealdrop.server.files;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of the caller's files, newest first.
 *
 * @param page zero-based page number
 * @param size requested page size
 * @param totalElements number of files the caller has
 */
@Schema(name = "FilePage")
record FilePage(List<FileView> items, int page, int size, long totalElements, long totalPages) {

	static FilePage of(List<FileView> items, int page, int size, long total) {
		return new FilePage(items, page, size, total, (total + size - 1) / size);
	}

}
