package dev.ledgersim.network;

import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.internal.NetworkState;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An organisation of the network: its certificate authority, its peers and its members. Enrolling an
 * identity issues a certificate from the organisation's CA (deterministically from the network seed);
 * revoking one puts it on the CRL, which every node of the organisation's channels learns at once.
 */
public final class Organization {

    private final NetworkState network;
    private final String mspId;

    Organization(NetworkState network, String mspId) {
        this.network = network;
        this.mspId = mspId;
    }

    /** The MSP id, e.g. {@code Org1MSP}. */
    public String mspId() {
        return mspId;
    }

    /** The names of its peers. */
    public List<String> peers() {
        return network.peersOf(mspId);
    }

    /** Enrolls a client identity {@code name}. */
    public Identity enroll(String name) {
        return enroll(name, Map.of());
    }

    /**
     * Enrolls a client identity {@code name} with Fabric CA attributes in its certificate.
     *
     * @throws IllegalArgumentException for an invalid or already enrolled name, or reserved attributes
     */
    public Identity enroll(String name, Map<String, String> attributes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributes, "attributes");
        return network.enroll(mspId, name, attributes);
    }

    /** The organisation's admin identity. */
    public Identity admin() {
        return network.admin(mspId);
    }

    /**
     * Revokes {@code identity}: its serial goes on the organisation's CRL and every channel's MSPs are
     * updated, so its later proposals and transactions are refused.
     *
     * @throws IllegalArgumentException when this organisation's CA did not issue it
     */
    public void revoke(Identity identity) {
        network.revoke(mspId, identity);
    }

    @Override
    public String toString() {
        return "Organization[" + mspId + "]";
    }
}
