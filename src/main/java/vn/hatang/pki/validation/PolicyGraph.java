package vn.hatang.pki.validation;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The valid_policy_tree of RFC 5280 §6.1.2(a), §6.1.3(d)–(f), §6.1.4(a)–(b) and §6.1.5(g), kept as the
 * valid_policy_graph of RFC 9618: one node per (depth, policy) with several parents instead of one copy per
 * path, so certificates that assert and map many policies cost linear, not exponential, time and memory. The
 * outcome is the same as the tree's. Policy qualifiers are not kept (nothing here returns them).
 */
final class PolicyGraph {
    private static final String ANY = Cert.ANY_POLICY;

    private static final class Node {
        final String policy;
        Set<String> expected;
        final List<Node> parents;

        Node(String policy, Set<String> expected, List<Node> parents) {
            this.policy = policy;
            this.expected = expected;
            this.parents = parents;
        }
    }

    /** levels.get(d): the nodes of depth d by valid_policy; null once the graph is NULL. */
    private List<Map<String, Node>> levels = new ArrayList<>();

    PolicyGraph() {
        Map<String, Node> root = new LinkedHashMap<>();
        root.put(ANY, new Node(ANY, Set.of(ANY), List.of()));
        levels.add(root);
    }

    boolean isNull() { return levels == null; }

    /**
     * §6.1.3(d)–(e) for the certificate at {@code depth} (1 for the one the trust anchor issued). {@code policies}
     * null means the certificate has no certificatePolicies extension; {@code anyPolicyHonoured} is
     * "inhibit_anyPolicy &gt; 0, or i &lt; n and the certificate is self-issued".
     */
    void processCertificate(int depth, List<String> policies, boolean anyPolicyHonoured) {
        if (levels == null) return;
        if (policies == null) {
            levels = null;                                                    // (e)
            return;
        }
        Map<String, Node> previous = levels.get(depth - 1);
        Map<String, List<Node>> byExpected = new LinkedHashMap<>();
        for (Node n : previous.values()) {
            for (String e : n.expected) byExpected.computeIfAbsent(e, k -> new ArrayList<>()).add(n);
        }
        Node anyParent = previous.get(ANY);
        Map<String, Node> current = new LinkedHashMap<>();
        for (String p : policies) {                                           // (d)(1)
            if (p.equals(ANY)) continue;
            List<Node> parents = byExpected.get(p);
            if (parents != null) current.put(p, new Node(p, Set.of(p), parents));
            else if (anyParent != null) current.put(p, new Node(p, Set.of(p), List.of(anyParent)));
        }
        if (policies.contains(ANY) && anyPolicyHonoured) {                    // (d)(2)
            for (Map.Entry<String, List<Node>> e : byExpected.entrySet()) {
                current.computeIfAbsent(e.getKey(), k -> new Node(k, Set.of(k), e.getValue()));
            }
        }
        levels.add(current);
        prune(depth);                                                         // (d)(3)
    }

    /**
     * §6.1.4(b) for the certificate at {@code depth}: with mapping allowed, each issuerDomainPolicy node now
     * expects the mapped subjectDomainPolicies (an anyPolicy node stands in for a missing one); with mapping
     * inhibited, the mapped policies are removed.
     */
    void applyMappings(int depth, List<String[]> mappings, boolean mappingAllowed) {
        if (levels == null || mappings == null) return;
        Map<String, Set<String>> mapped = new LinkedHashMap<>();
        for (String[] m : mappings) mapped.computeIfAbsent(m[0], k -> new LinkedHashSet<>()).add(m[1]);
        Map<String, Node> current = levels.get(depth);
        if (mappingAllowed) {
            Node any = current.get(ANY);
            for (Map.Entry<String, Set<String>> e : mapped.entrySet()) {
                Node n = current.get(e.getKey());
                if (n != null) n.expected = Set.copyOf(e.getValue());
                else if (any != null) current.put(e.getKey(), new Node(e.getKey(), Set.copyOf(e.getValue()), any.parents));
            }
        } else {
            mapped.keySet().forEach(current::remove);
            prune(depth);
        }
    }

    /** Removes, from depth-1 up to the root, every node left without a child; the graph is NULL when none remain. */
    private void prune(int depth) {
        for (int d = depth - 1; d >= 0; d--) {
            Set<Node> withChildren = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Node child : levels.get(d + 1).values()) withChildren.addAll(child.parents);
            levels.get(d).values().removeIf(n -> !withChildren.contains(n));
        }
        if (levels.get(0).isEmpty() || levels.get(depth).isEmpty()) levels = null;
    }

    /**
     * §6.1.5(g): whether the graph, intersected with the user-initial-policy-set ({@code user} null meaning
     * any-policy), still has a node at depth {@code n}. A policy is accepted when the first node below the
     * anyPolicy nodes on some path to depth n names a policy of the user's set, or when an anyPolicy node reaches
     * depth n (it stands for every policy, the user's included).
     */
    boolean intersects(Set<String> user, int n) {
        if (levels == null) return false;
        if (user == null) return !levels.get(n).isEmpty();
        Map<Node, Boolean> authorised = new IdentityHashMap<>();
        for (int d = 1; d <= n; d++) {
            for (Node node : levels.get(d).values()) {
                if (node.policy.equals(ANY)) continue;
                boolean ok = false;
                for (Node p : node.parents) {
                    ok = p.policy.equals(ANY) ? user.contains(node.policy) : authorised.getOrDefault(p, false);
                    if (ok) break;
                }
                authorised.put(node, ok);
            }
        }
        for (Node node : levels.get(n).values()) {
            if (node.policy.equals(ANY) || authorised.getOrDefault(node, false)) return true;
        }
        return false;
    }

    /** For tests and reasons: the valid policies at depth {@code n}. */
    List<String> policiesAt(int n) {
        return levels == null ? List.of() : new ArrayList<>(levels.get(n).keySet());
    }
}
