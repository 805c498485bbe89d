package io.wharf.server.data;

/** Representation type (RFC 959 3.1.1): ASCII converts line ends on the wire, IMAGE sends bytes as they are. */
public enum TransferType {
    /** TYPE A: lines end in CRLF on the wire, LF on disk. No zero copy. */
    ASCII,
    /** TYPE I: bytes unchanged; downloads use {@code sendfile}. */
    IMAGE
}
