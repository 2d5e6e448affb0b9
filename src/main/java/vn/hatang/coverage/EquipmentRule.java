package vn.hatang.coverage;

import java.util.List;

/**
 * When a unit counts as equipped: every active official with one of {@code staffDuties} holds a modern device of
 * {@code staffCategories}, and the unit has a device of each of {@code requiredInService} in service.
 */
public record EquipmentRule(List<String> staffDuties, List<String> staffCategories, List<String> requiredInService) {
}
