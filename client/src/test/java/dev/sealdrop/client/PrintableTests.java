package dev.sealdrop.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTests {

	@Test
	void terminalControlsFromAServerArePrintedAsQuestionMarks() {
		// ESC and the 8-bit CSI (C1 U+009B) start escape sequences; DEL; right-to-left override;
		// line separator
		assertThat(Printable.of("a\u001b[2Jb\u009b2Jc\u007fd\u202ee\u2028f")).isEqualTo("a?[2Jb?2Jc?d?e?f");
	}

	@Test
	void ordinaryTextIncludingNonAsciiLettersIsUnchanged() {
		assertThat(Printable.of("Résumé 2026 (final) – ünïcode.pdf")).isEqualTo("Résumé 2026 (final) – ünïcode.pdf");
		assertThat(Printable.of(null)).isEmpty();
	}

}
