-- The CRC-32 of each sealed chunk (issue 4): with it and the SHA-256 the server generates the ZIP
-- around stored chunks without reading them, so a download sends the blob straight from disk and a
-- range request starts at its offset. NULL for chunks stored before this column existed: the first
-- download of such a file computes and stores it.
ALTER TABLE file_chunks ADD crc32 BIGINT;
