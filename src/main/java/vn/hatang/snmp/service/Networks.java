package vn.hatang.snmp.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIDR blocks a profile's secrets may be sent to ("10.20.0.0/16", "2001:db8::/32", a single "10.1.2.3"). Parsed
 * from literals only, never from host names, so the check cannot be steered through DNS; the address a device is
 * polled at is resolved once and the resolved address is both checked and used.
 */
final class Networks {
    private final List<Block> blocks;

    private record Block(byte[] network, int bits, String text) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private Networks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Parses the blocks; throws IllegalArgumentException naming the first bad one. */
    static Networks parse(List<String> texts) {
        List<Block> out = new ArrayList<>();
        for (String t : texts) {
            out.add(block(t));
        }
        return new Networks(out);
    }

    private static Block block(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!addr.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException(text);
        }
        byte[] a;
        try {
            a = InetAddress.getByName(addr).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
        int max = a.length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(text, e);
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException(text);
            }
        }
        return new Block(a, bits, t);
    }

    /** The address of a literal ("10.1.2.3", "2001:db8::1"), or null for anything else (a host name). */
    static InetAddress literal(String text) {
        try {
            Block b = block(text);
            return b.bits == b.network.length * 8 ? InetAddress.getByAddress(b.network) : null;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(a));
    }

    /** True when a block covers every IPv4 or every IPv6 address (profiles made before V600). */
    boolean unrestricted() {
        return blocks.stream().anyMatch(b -> b.bits == 0);
    }

    List<String> texts() {
        return blocks.stream().map(Block::text).toList();
    }
}
