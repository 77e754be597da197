package dev.sealdrop.client;

public final class Main {
	public static void main(String[] args) {
	}
}
