package com.imagecogni.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Names this replica gives itself as a lease owner: the host name (the pod's, on Kubernetes) and a random suffix. */
public final class ReplicaNames {

    private ReplicaNames() {
    }

    /** A name unique to this process, e.g. {@code imagecogni-7d9f-1a2b3c4d} or {@code …-postbacks-1a2b3c4d}. */
    public static String owner(String role) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return hostName() + (role.isEmpty() ? "" : "-" + role) + "-" + suffix;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }
}
