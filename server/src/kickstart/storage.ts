// The kickstart storage graph: what the custom-partitioning commands (part, raid, volgroup,
// logvol, btrfs, mount) build, and how they refer to each other. Anaconda executes these by
// command type, not by line order, so references may point forward; the graph is built from the
// whole file at once. Read by the storage rules, the outline and go-to-definition.
//
// This module is the entry point; the parts live beside it, lower layers first:
//   storage-options.ts     options, commands and comma lists read from the model
//   storage-types.ts       the node types and the graph
//   storage-names.ts       disk specs, member ids, existing devices, the md prefix by release
//   storage-graph.ts       building the graph (cached per model) and the mount points it claims
//   storage-outline.ts     the outline (document symbols)
//   storage-definition.ts  go to definition
export { optionsOf, option, hasFlag, commandsNamed, commaList, commaItems } from './storage-options';
export type { MemberKind, StorageNode, PartNode, RaidNode, VgNode, LvNode, BtrfsNode, MountNode, StorageGraph } from './storage-types';
export { diskKey, isKernelDiskName, diskOfDevice, isPatternDiskSpec, memberKindOf, looksLikeExistingDevice, keepsMdPrefix } from './storage-names';
export { storageGraph, mountPoints } from './storage-graph';
export { storageSymbols } from './storage-outline';
export { storageDefinition } from './storage-definition';
