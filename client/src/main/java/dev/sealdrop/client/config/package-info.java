/**
 * The client's on-disk state under the sealdrop configuration folder ({@code $XDG_CONFIG_HOME/sealdrop}
 * or {@code ~/.config/sealdrop}): {@code config.json} (server, API token, client identity) and
 * {@code known_servers} (pinned server identities, like ssh's {@code known_hosts}).
 *
 * <p>Everything here is written atomically, files 0600 and the folder 0700 on POSIX file systems,
 * and parsed strictly: a damaged file is an error naming the file and line, never silently ignored.
 */
package dev.sealdrop.client.config;
