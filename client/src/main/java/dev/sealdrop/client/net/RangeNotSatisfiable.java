package dev.sealdrop.client.net;

import java.time.Duration;

/** A 416 answer, with the complete length from its {@code Content-Range: bytes *}{@code /N} (or -1). */
final class RangeNotSatisfiable extends ApiProblemException {

	private static final long serialVersionUID = 1L;

	private final long completeLength;

	RangeNotSatisfiable(String type, String title, String detail, Duration retryAfter, long completeLength) {
		super(416, type, title, detail, retryAfter);
		this.completeLength = completeLength;
	}

	long completeLength() {
		return completeLength;
	}

}
