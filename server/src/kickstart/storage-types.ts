// The kickstart storage graph's shape: one node type per storage command (part, raid, volgroup,
// logvol, btrfs, mount) and the graph that holds them with its indexes.
import type { Range } from '../core/types';
import type { KsCommand, KsOption, KsWord } from './model';

export type MemberKind = 'raid' | 'pv' | 'btrfs';

export interface StorageNode {
  cmd: KsCommand;
  /** First positional (mount point, `raid.NN`, `pv.NN`, `btrfs.NN`, `swap`, `none`, VG name). */
  first?: KsWord;
}

export interface PartNode extends StorageNode {
  kind: 'part';
  /** raid./pv./btrfs. member id this partition defines. */
  memberOf?: MemberKind;
  disk?: { text: string; range: Range };
  size?: number;
  grow: boolean;
  fstype?: string;
}

export interface RaidNode extends StorageNode {
  kind: 'raid';
  device?: KsOption;
  deviceKey?: string;
  level?: string;
  members: KsWord[];
  spares: number;
  preexisting: boolean;
  memberOf?: MemberKind;
  fstype?: string;
}

export interface VgNode extends StorageNode {
  kind: 'volgroup';
  name?: string;
  pvs: KsWord[];
  preexisting: boolean;
}

export interface LvNode extends StorageNode {
  kind: 'logvol';
  name?: KsOption;
  vgname?: KsOption;
  poolname?: KsOption;
  thinpool: boolean;
  thin: boolean;
  preexisting: boolean;
  size?: number;
  percent?: number;
  grow: boolean;
  fstype?: string;
}

export interface BtrfsNode extends StorageNode {
  kind: 'btrfs';
  subvol: boolean;
  members: KsWord[];
  name?: string;
  label?: string;
}

export interface MountNode extends StorageNode {
  kind: 'mount';
  mountpoint?: KsWord;
}

export interface StorageGraph {
  parts: PartNode[];
  raids: RaidNode[];
  vgs: VgNode[];
  lvs: LvNode[];
  btrfs: BtrfsNode[];
  mounts: MountNode[];
  /** Member ids (`raid.01`, `pv.01`, `btrfs.01`) -> the commands defining them. */
  ids: Map<string, (PartNode | RaidNode)[]>;
  /** Whether the storage may be completed by an `%include` (the graph may be incomplete). */
  hasIncludes: boolean;
  /** Logical volumes by --vgname, in file order. */
  lvsByVg: Map<string, LvNode[]>;
  /** Volume groups by name. */
  vgsByName: Map<string, VgNode[]>;
}
