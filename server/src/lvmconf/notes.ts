// Hand-written knowledge merged over the generated schema.json at load time, so regenerating the
// schema never loses it: a one-line description of every setting (our own words), allowed values,
// replacements for deprecated settings, and a fuller explanation of the settings that decide
// whether an admin can recover from a mistake.

/** `path|description`, one per line. */
const DESCRIPTIONS = `
config/checks|Check configuration files against lvm2's list of known settings and types when commands run.
config/abort_on_errors|Stop a command when the configuration check finds a problem, instead of only warning.
config/profile_dir|Folder where lvm2 looks for <name>.profile files.
devices/dir|Folder holding device nodes (normally /dev).
devices/scan|Folders lvm2 searches for block devices when it does not list them through udev.
devices/loopfiles|Files to treat as loop devices (old feature, no longer supported).
devices/obtain_device_list_from_udev|Ask udev for the list of block devices instead of walking the scan folders.
devices/external_device_info_source|Where lvm2 gets extra device facts (multipath, md members): none or udev.
devices/hints|Remember which devices hold PVs so later commands scan fewer devices (all or none).
devices/preferred_names|Regular expressions choosing which of several names for one device is shown.
devices/use_devicesfile|Use only the devices listed in the devices file (/etc/lvm/devices/system.devices).
devices/devicesfile|Name of the devices file inside /etc/lvm/devices.
devices/search_for_devnames|How hard lvm2 looks for a devices-file entry whose device name changed.
devices/filter|Accept/reject regular expressions deciding which devices lvm2 commands may use.
devices/global_filter|Like filter, but applied everywhere, including to event-driven activation and caches.
devices/cache|Path of the old persistent device cache file (removed).
devices/cache_dir|Folder of the old persistent device cache (removed).
devices/cache_file_prefix|Prefix of the old persistent device cache file name (removed).
devices/write_cache_state|Whether the old persistent device cache was written (removed).
devices/types|Extra block device types (driver name and partition count) lvm2 may use as PVs.
devices/sysfs_scan|Skip devices that sysfs shows are not block devices lvm2 can use.
devices/scan_lvs|Let LVs themselves be scanned as possible PVs (stacked LVM).
devices/multipath_component_detection|Ignore the individual paths of a multipath device so only the multipath device is used.
devices/multipath_wwids_file|File listing multipath WWIDs, used to recognise multipath components.
devices/md_component_detection|Ignore devices that are members of an MD RAID array.
devices/md_component_checks|How thoroughly MD members are detected: auto, start or full.
devices/fw_raid_component_detection|Ignore devices that belong to firmware (BIOS) RAID sets.
devices/md_chunk_alignment|Align PV data to the chunk size of an MD device underneath.
devices/default_data_alignment|Default alignment of the start of PV data, in MiB (0 means 64 KiB).
devices/data_alignment_detection|Align PV data using the I/O topology the kernel reports.
devices/data_alignment|Force the alignment of PV data to this many KiB (0 = automatic).
devices/data_alignment_offset_detection|Shift PV data by the alignment offset the kernel reports.
devices/ignore_suspended_devices|Skip suspended device-mapper devices while scanning.
devices/ignore_lvm_mirrors|Do not scan mirror LVs for PVs (avoids hangs on failing mirrors).
devices/disable_after_error_count|Stop using a device after this many errors (removed).
devices/require_restorefile_with_uuid|Require a metadata backup file when pvcreate is given --uuid.
devices/pv_min_size|Smallest device, in KiB, that lvm2 will consider as a PV.
devices/issue_discards|Send discards to the underlying devices when an LV's space is freed (cannot be undone).
devices/allow_changes_with_duplicate_pvs|Allow metadata changes while the same PV is visible on two devices.
devices/allow_mixed_block_sizes|Allow a VG to contain PVs with different logical block sizes.
allocation/cling_tag_list|PV tags that make the cling allocation policy treat PVs as equivalent.
allocation/maximise_cling|Prefer extending on the same PVs as the LV's last segment.
allocation/use_blkid_wiping|Use libblkid to find signatures to wipe on new LVs.
allocation/wipe_signatures_when_zeroing_new_lvs|Wipe filesystem and RAID signatures at the start of new LVs when zeroing.
allocation/mirror_logs_require_separate_pvs|Put mirror logs on PVs other than the mirror legs.
allocation/raid_stripe_all_devices|Stripe new RAID LVs across all PVs unless a count is given.
allocation/cache_pool_metadata_require_separate_pvs|Put a cache pool's metadata on PVs other than its data.
allocation/cache_pool_cachemode|Old name of allocation/cache_mode.
allocation/cache_metadata_format|Metadata format for new cache pools (0 = automatic, 1 or 2).
allocation/cache_mode|Default cache mode for new caches: writethrough, writeback or passthrough.
allocation/cache_policy|Default cache policy for new caches (smq, mq, cleaner).
allocation/cache_pool_chunk_size|Default chunk size of new cache pools, in KiB.
allocation/cache_pool_max_chunks|Largest number of chunks a new cache pool may have.
allocation/thin_pool_metadata_require_separate_pvs|Put thin pool metadata on PVs other than its data.
allocation/thin_pool_crop_metadata|Limit new thin pool metadata to the size the kernel can use (15.81 GiB).
allocation/thin_pool_zero|Zero new blocks of thin pools before first use.
allocation/thin_pool_discards|Default discard handling of new thin pools: ignore, nopassdown or passdown.
allocation/thin_pool_chunk_size_policy|How the chunk size of a new thin pool is chosen: generic or performance.
allocation/zero_metadata|Zero the metadata area of new thin and cache pools.
allocation/thin_pool_chunk_size|Default chunk size of new thin pools, in KiB.
allocation/physical_extent_size|Default extent size of new VGs, in KiB.
allocation/vdo_use_compression|Enable compression on new VDO pools.
allocation/vdo_use_deduplication|Enable deduplication on new VDO pools.
allocation/vdo_use_metadata_hints|Let VDO pass hints to the device underneath.
allocation/vdo_minimum_io_size|Smallest I/O size of new VDO pools, in bytes (512 or 4096).
allocation/vdo_block_map_cache_size_mb|Memory for the VDO block map cache, in MiB.
allocation/vdo_block_map_period|How often VDO block map pages are written (in recovery-journal blocks).
allocation/vdo_check_point_frequency|How often VDO writes check points (0 = automatic).
allocation/vdo_use_sparse_index|Use a sparse deduplication index on new VDO pools.
allocation/vdo_index_memory_size_mb|Memory for the VDO deduplication index, in MiB.
allocation/vdo_slab_size_mb|Size of VDO slabs, in MiB.
allocation/vdo_ack_threads|Number of VDO threads that acknowledge completed requests.
allocation/vdo_bio_threads|Number of VDO threads that submit I/O to the device underneath.
allocation/vdo_bio_rotation|Requests a VDO bio thread handles before the next one takes over.
allocation/vdo_cpu_threads|Number of VDO threads for hashing and compression.
allocation/vdo_hash_zone_threads|Number of VDO hash zone threads.
allocation/vdo_logical_threads|Number of VDO logical zone threads.
allocation/vdo_physical_threads|Number of VDO physical zone threads.
allocation/vdo_write_policy|VDO write policy: auto, sync, async or async-unsafe.
allocation/vdo_max_discard|Largest discard VDO accepts, in 4 KiB blocks.
allocation/vdo_pool_header_size|Space reserved at the start of a VDO pool, in KiB.
log/report_command_log|Print the command log as a report at the end of each command.
log/command_log_sort|Sort order of the command log report.
log/command_log_cols|Columns of the command log report.
log/command_log_selection|Which command log entries the report shows.
log/verbose|Default verbosity of messages on the terminal (0-3).
log/silent|Suppress all non-essential terminal output.
log/syslog|Also send messages to syslog.
log/file|Write a log to this file.
log/journal|What lvm2 records in the systemd journal: command, output, debug.
log/overwrite|Overwrite the log file instead of appending to it.
log/level|Detail of messages written to the log file and syslog (0-7).
log/indent|Indent log messages by call depth.
log/command_names|Prefix messages with the command name.
log/prefix|Text put before every message.
log/activation|Log device-mapper activation details (can deadlock in low memory).
log/activate_file|Separate log for activation (not supported).
log/debug_classes|Which kinds of debug messages are logged.
log/debug_file_fields|Fields in each debug line written to the log file.
log/debug_output_fields|Fields in each debug line printed on the terminal.
backup/backup|Write a backup of each VG's current metadata after every change.
backup/backup_dir|Folder for the current metadata backups.
backup/archive|Keep an archive of each VG's metadata as it was before every change.
backup/archive_dir|Folder for the metadata archives.
backup/retain_min|Keep at least this many archives per VG, however old.
backup/retain_days|Keep every archive younger than this many days.
shell/history_size|Number of lines the lvm shell keeps in its history.
global/umask|File mode mask for the files lvm2 creates (octal).
global/test|Run every command in test mode: nothing is written.
global/units|Default unit letter of sizes in output (r = rounded human readable).
global/si_unit_consistency|Use powers of 1000 for upper-case units and 1024 for lower-case ones.
global/suffix|Print unit letters after sizes.
global/activation|Whether lvm2 talks to device-mapper at all (0 = metadata only).
global/fallback_to_lvm1|Fall back to LVM1 tools (removed with LVM1 support).
global/format|Default metadata format (only lvm2 remains).
global/format_libraries|Shared libraries with extra metadata formats (removed).
global/segment_libraries|Shared libraries with extra segment types (removed).
global/proc|Where the proc file system is mounted.
global/etc|Folder holding system configuration such as machine-id.
global/locking_type|Old locking mode selector. Since 2.03 locking is local file locking, except 0 and 5 (no locking) and 4 (read-only); shared VGs use use_lvmlockd.
global/wait_for_locks|Wait for a lock held by another command instead of failing.
global/fallback_to_clustered_locking|Old clvmd locking fallback (removed).
global/fallback_to_local_locking|Old fallback from cluster to local locking (removed).
global/locking_dir|Folder for lvm2's local lock files.
global/prioritise_write_locks|Let commands waiting for a write lock go before new readers.
global/library_dir|Folder searched for lvm2 shared libraries.
global/locking_library|Old external locking library (removed).
global/abort_on_internal_errors|Abort on internal errors (for lvm2 developers and tests).
global/detect_internal_vg_cache_corruption|Old internal consistency check (removed).
global/metadata_read_only|Refuse every metadata change, including repairs.
global/mirror_segtype_default|Segment type used for -m/--mirrors: raid1 or mirror.
global/support_mirrored_mirror_log|Allow the log of an old-style mirror to be mirrored itself.
global/raid10_segtype_default|Segment type used for --stripes with --mirrors: raid10 or mirror.
global/sparse_segtype_default|Segment type used for --virtualsize: thin or snapshot.
global/lvdisplay_shows_full_device_path|Show /dev/vg/lv paths in lvdisplay.
global/event_activation|Activate LVs automatically as their PVs appear (udev/systemd driven).
global/use_lvmetad|Old metadata caching daemon switch (ignored since 2.03).
global/lvmetad_update_wait_time|Old lvmetad wait time (ignored since 2.03).
global/use_aio|Use asynchronous I/O when scanning devices.
global/use_lvmlockd|Use lvmlockd to coordinate shared VGs between hosts.
global/lvmlockd_lock_retries|How often to retry a lock request that lvmlockd turned down.
global/sanlock_lv_extend|Size in MiB by which the sanlock LV grows when more locks are needed.
global/lvmlockctl_kill_command|Command lvmlockctl runs to stop a host from using a failed shared VG.
global/thin_check_executable|Program that checks thin pool metadata before activation ("" = no check).
global/thin_dump_executable|Program that dumps thin pool metadata.
global/thin_repair_executable|Program that repairs thin pool metadata.
global/thin_check_options|Options passed to the thin check program.
global/thin_repair_options|Options passed to the thin repair program.
global/thin_disabled_features|Thin-pool kernel features lvm2 must not use.
global/cache_disabled_features|Cache kernel features lvm2 must not use.
global/cache_check_executable|Program that checks cache metadata before activation ("" = no check).
global/cache_dump_executable|Program that dumps cache metadata.
global/cache_repair_executable|Program that repairs cache metadata.
global/cache_check_options|Options passed to the cache check program.
global/cache_repair_options|Options passed to the cache repair program.
global/vdo_format_executable|Program that formats new VDO pools.
global/vdo_format_options|Options passed to the VDO format program.
global/vdo_disabled_features|VDO kernel features lvm2 must not use.
global/fsadm_executable|Program lvm2 runs to resize file systems (--resizefs).
global/system_id_source|Where this host's system ID comes from: none, machineid, uname, lvmlocal, file, appmachineid.
global/system_id_file|File holding the system ID when system_id_source = file.
global/use_lvmpolld|Let lvmpolld watch long operations (pvmove, conversions) instead of the command itself.
global/notify_dbus|Tell lvmdbusd about changes over D-Bus.
global/io_memory_size|Memory for scanning I/O buffers, in KiB.
activation/checks|Run extra consistency checks on active LVs.
activation/udev_sync|Wait for udev to finish processing device changes.
activation/udev_rules|Let udev rules create the /dev nodes and links for LVs.
activation/verify_udev_operations|Double-check the /dev nodes udev created.
activation/retry_deactivation|Retry a failed deactivation a few times.
activation/missing_stripe_filler|What fills the space of a missing stripe when activating partially: "error" or a device.
activation/use_linear_target|Use the linear target for single-stripe LVs.
activation/reserved_stack|Stack memory, in KiB, locked while devices are suspended.
activation/reserved_memory|Heap memory, in KiB, locked while devices are suspended.
activation/process_priority|Scheduling priority (nice) while devices are suspended.
activation/volume_list|Only LVs and VGs matching these entries may be activated at all.
activation/auto_activation_volume_list|Only LVs and VGs matching these entries are activated automatically (-aay).
activation/read_only_volume_list|LVs and VGs matching these entries are activated read-only.
activation/mirror_region_size|Old name of raid_region_size.
activation/raid_region_size|Default region size of RAID and mirror LVs, in KiB.
activation/error_when_full|Make new thin pools return errors at once when full instead of queueing I/O.
activation/readahead|Read-ahead of LVs: auto or none.
activation/raid_fault_policy|What dmeventd does when a RAID leg fails: warn or allocate.
activation/mirror_image_fault_policy|What dmeventd does when a mirror leg fails: remove or allocate.
activation/mirror_log_fault_policy|What dmeventd does when a mirror log fails: remove or allocate.
activation/mirror_device_fault_policy|Old name of mirror_image_fault_policy.
activation/snapshot_autoextend_threshold|Fill percentage at which dmeventd extends a snapshot (100 = never).
activation/snapshot_autoextend_percent|How much, in percent, a snapshot grows when it is extended automatically.
activation/thin_pool_autoextend_threshold|Fill percentage at which dmeventd extends a thin pool (100 = never).
activation/thin_pool_autoextend_percent|How much, in percent, a thin pool grows when it is extended automatically.
activation/vdo_pool_autoextend_threshold|Fill percentage at which dmeventd extends a VDO pool (100 = never).
activation/vdo_pool_autoextend_percent|How much, in percent, a VDO pool grows when it is extended automatically.
activation/mlock_filter|Libraries that need not be locked in memory while devices are suspended.
activation/use_mlockall|Lock all memory with mlockall while devices are suspended (old behaviour).
activation/monitoring|Register LVs with dmeventd (needed for fault policies and autoextension).
activation/polling_interval|Seconds between progress checks of pvmove and conversions.
activation/auto_set_activation_skip|Set the activation-skip flag on new thin snapshots.
activation/activation_mode|How LVs with missing PVs are activated: complete, degraded or partial.
activation/lock_start_list|Shared VGs whose lockspaces vgchange --lock-start may start.
activation/auto_lock_start_list|Shared VGs whose lockspaces are started automatically.
metadata/check_pv_device_sizes|Warn when a PV is larger than the device under it.
metadata/record_lvs_history|Keep a record of removed thin LVs in the metadata.
metadata/lvs_history_retention_time|Seconds to keep removed-LV records (0 = forever).
metadata/pvmetadatacopies|Metadata areas on each new PV: 0, 1 or 2.
metadata/vgmetadatacopies|Number of metadata copies a VG keeps in use (0 = all).
metadata/pvmetadatasize|Size of the metadata area of new PVs, in 512-byte sectors.
metadata/pvmetadataignore|Create new PVs with their metadata areas ignored.
metadata/stripesize|Default stripe size, in KiB.
metadata/dirs|Folders holding text metadata instead of disks (removed).
metadata/disk_areas/<disk_area>/start_sector|Start of an old-style metadata disk area (removed).
metadata/disk_areas/<disk_area>/size|Size of an old-style metadata disk area (removed).
metadata/disk_areas/<disk_area>/id|PV UUID of an old-style metadata disk area (removed).
report/output_format|Report format: basic or json (json_std from 2.03.17).
report/compact_output|Hide report columns that are empty in every row.
report/compact_output_cols|Columns hidden when empty.
report/aligned|Align report columns.
report/buffered|Collect all rows before printing, so columns can be sized.
report/headings|Print column headings.
report/separator|Text between report columns.
report/list_item_separator|Text between items of list-valued fields.
report/prefixes|Prefix each value with its field name.
report/quoted|Quote values when prefixes are on.
report/columns_as_rows|Print each object as one column instead of one row.
report/binary_values_as_numeric|Show yes/no fields as 1/0.
report/time_format|strftime-like format of time fields.
report/devtypes_sort|Sort order of lvm devtypes.
report/devtypes_cols|Columns of lvm devtypes.
report/devtypes_cols_verbose|Columns of lvm devtypes -v.
report/lvs_sort|Sort order of lvs.
report/lvs_cols|Columns of lvs.
report/lvs_cols_verbose|Columns of lvs -v.
report/vgs_sort|Sort order of vgs.
report/vgs_cols|Columns of vgs.
report/vgs_cols_verbose|Columns of vgs -v.
report/pvs_sort|Sort order of pvs.
report/pvs_cols|Columns of pvs.
report/pvs_cols_verbose|Columns of pvs -v.
report/segs_sort|Sort order of lvs --segments.
report/segs_cols|Columns of lvs --segments.
report/segs_cols_verbose|Columns of lvs --segments -v.
report/pvsegs_sort|Sort order of pvs --segments.
report/pvsegs_cols|Columns of pvs --segments.
report/pvsegs_cols_verbose|Columns of pvs --segments -v.
report/vgs_cols_full|Columns of the VG part of lvm fullreport.
report/pvs_cols_full|Columns of the PV part of lvm fullreport.
report/lvs_cols_full|Columns of the LV part of lvm fullreport.
report/pvsegs_cols_full|Columns of the PV segment part of lvm fullreport.
report/segs_cols_full|Columns of the LV segment part of lvm fullreport.
report/vgs_sort_full|Sort order of the VG part of lvm fullreport.
report/pvs_sort_full|Sort order of the PV part of lvm fullreport.
report/lvs_sort_full|Sort order of the LV part of lvm fullreport.
report/pvsegs_sort_full|Sort order of the PV segment part of lvm fullreport.
report/segs_sort_full|Sort order of the LV segment part of lvm fullreport.
report/mark_hidden_devices|Show hidden LVs in [brackets].
report/two_word_unknown_device|Show a missing device as "unknown device" instead of [unknown].
dmeventd/mirror_library|dmeventd plugin that monitors mirror LVs.
dmeventd/raid_library|dmeventd plugin that monitors RAID LVs.
dmeventd/snapshot_library|dmeventd plugin that monitors snapshots.
dmeventd/thin_library|dmeventd plugin that monitors thin pools.
dmeventd/thin_command|Command dmeventd runs when a thin pool crosses a fill threshold.
dmeventd/vdo_library|dmeventd plugin that monitors VDO pools.
dmeventd/vdo_command|Command dmeventd runs when a VDO pool crosses a fill threshold.
dmeventd/executable|Path of the dmeventd daemon lvm2 starts.
tags/hosttags|Give this host a tag named after its host name.
tags/<tag>/host_list|Host names that receive this tag (no list: every host gets it).
local/system_id|This host's system ID when system_id_source = lvmlocal.
local/extra_system_ids|Other system IDs whose VGs this host may also use.
local/host_id|This host's sanlock host ID for shared VGs (1-2000).
`;

export interface SettingNote {
  description: string;
  /** Markdown paragraphs: what goes wrong, from an admin's point of view. */
  explanation?: string;
  /** Values lvm2 acts on; anything else is `invalid-value` (case-sensitive). */
  allowed?: string[];
  /** First version accepting a value, for the target-version check. */
  valueSince?: Record<string, string>;
  /** Values offered by completion only (lvm2 accepts others, e.g. plugin names). */
  suggest?: string[];
  /** For deprecated settings: what to use instead. */
  replacedBy?: string;
  /** For deprecated settings with no replacement: what happened to it. */
  removedNote?: string;
}

const ALLOWED: Record<string, string[]> = {
  'activation/raid_fault_policy': ['warn', 'allocate'],
  'activation/mirror_image_fault_policy': ['remove', 'allocate', 'allocate_anywhere'],
  'activation/mirror_log_fault_policy': ['remove', 'allocate', 'allocate_anywhere'],
  'activation/mirror_device_fault_policy': ['remove', 'allocate', 'allocate_anywhere'],
  'allocation/cache_mode': ['writethrough', 'writeback', 'passthrough'],
  'allocation/cache_pool_cachemode': ['writethrough', 'writeback', 'passthrough'],
  'allocation/thin_pool_discards': ['ignore', 'nopassdown', 'passdown'],
  'allocation/thin_pool_chunk_size_policy': ['generic', 'performance'],
  'allocation/vdo_write_policy': ['auto', 'sync', 'async', 'async-unsafe'],
  'global/mirror_segtype_default': ['raid1', 'mirror'],
  'global/raid10_segtype_default': ['raid10', 'mirror'],
  'global/sparse_segtype_default': ['thin', 'snapshot'],
  'global/system_id_source': ['none', 'machineid', 'uname', 'lvmlocal', 'file', 'appmachineid'],
  'activation/activation_mode': ['complete', 'degraded', 'partial'],
  'activation/readahead': ['auto', 'none'],
  'devices/external_device_info_source': ['none', 'udev'],
  'devices/hints': ['all', 'none'],
  'devices/search_for_devnames': ['auto', 'all', 'none'],
  'devices/md_component_checks': ['auto', 'start', 'full'],
  'report/output_format': ['basic', 'json', 'json_std'],
};
const VALUE_SINCE: Record<string, Record<string, string>> = {
  'report/output_format': { json_std: '2.03.17' },
  'global/system_id_source': { appmachineid: '2.03.11' },
};
const SUGGEST: Record<string, string[]> = {
  'allocation/cache_policy': ['smq', 'mq', 'cleaner'],
  'global/units': ['r', 'h', 'b', 's', 'k', 'm', 'g', 't', 'p', 'e', 'R', 'H', 'B', 'S', 'K', 'M', 'G', 'T', 'P', 'E'],
  'log/journal': ['command', 'output', 'debug'],
  'activation/missing_stripe_filler': ['error'],
};

const REPLACED: Record<string, string> = {
  'allocation/cache_pool_cachemode': 'allocation/cache_mode',
  'activation/mirror_region_size': 'activation/raid_region_size',
  'activation/mirror_device_fault_policy': 'activation/mirror_image_fault_policy',
  'global/use_lvmetad': 'global/event_activation',
};
const REMOVED: Record<string, string> = {
  'devices/loopfiles': 'Loop-file support was dropped; lvm2 ignores it.',
  // Not ignored: lvm2 (2.02 and 2.03) takes it as mirror_image_fault_policy when that is unset.
  'activation/mirror_device_fault_policy': 'lvm2 still applies it as mirror_image_fault_policy when that is not set.',
  // Read as a fallback in lib/metadata/cache_manip.c (2.02.128 to 2.03.39).
  'allocation/cache_pool_cachemode': 'lvm2 still reads it when allocation/cache_mode is not set.',
  'devices/cache': 'The persistent device cache is gone; lvm2 2.03 scans devices (helped by hints or the devices file) and ignores this.',
  'devices/cache_dir': 'The persistent device cache is gone; lvm2 2.03 ignores this.',
  'devices/cache_file_prefix': 'The persistent device cache is gone; lvm2 2.03 ignores this.',
  'devices/write_cache_state': 'The persistent device cache is gone; lvm2 2.03 ignores this.',
  'devices/disable_after_error_count': 'lvm2 2.03 ignores this.',
  'global/fallback_to_lvm1': 'LVM1 support was removed in 2.02.178; lvm2 ignores this.',
  'global/format': 'Only the lvm2 format remains; lvm2 ignores this.',
  'global/format_libraries': 'External format libraries were removed; lvm2 ignores this.',
  'global/segment_libraries': 'External segment libraries were removed; lvm2 ignores this.',
  // lvm2 2.03 still reads it (tools/lvmcmdline.c): 0 and 5 act as --nolocking, 4 as --sysinit --readonly.
  'global/locking_type': 'lvm2 2.03 always uses local file locking (warning about values other than 1), except that 0 or 5 still turn locking off (as --nolocking) and 4 makes commands read-only. Shared VGs use global/use_lvmlockd = 1 with lvmlockd; clvmd (locking_type = 3) no longer exists.',
  'global/fallback_to_clustered_locking': 'clvmd is gone; lvm2 2.03 ignores this.',
  'global/fallback_to_local_locking': 'clvmd is gone; lvm2 2.03 ignores this.',
  'global/locking_library': 'External locking libraries are gone; lvm2 2.03 ignores this.',
  'global/detect_internal_vg_cache_corruption': 'lvm2 ignores this.',
  'global/use_lvmetad': 'lvmetad was removed in 2.03.00; lvm2 ignores this. Automatic activation is controlled by global/event_activation.',
  'global/lvmetad_update_wait_time': 'lvmetad was removed in 2.03.00; lvm2 ignores this.',
  'metadata/dirs': 'Text metadata directories were removed; lvm2 ignores this.',
  'metadata/disk_areas/<disk_area>/start_sector': 'Manual metadata disk areas were removed; lvm2 ignores this.',
  'metadata/disk_areas/<disk_area>/size': 'Manual metadata disk areas were removed; lvm2 ignores this.',
  'metadata/disk_areas/<disk_area>/id': 'Manual metadata disk areas were removed; lvm2 ignores this.',
};

const RETENTION =
  'Archives are what `vgcfgrestore` restores from after a mistaken `lvremove`, `lvreduce` or `vgreduce`. ' +
  '`retain_min` and `retain_days` are both *minimums*: lvm2 deletes an archive only when it is older than `retain_days` **and** more than `retain_min` newer archives exist. Neither is a cap.\n\n' +
  'Two ways this goes wrong:\n' +
  '- **Too little history**: `retain_min = 0` with `retain_days = 0` leaves exactly one archive, the state before the last command; anything older is gone.\n' +
  '- **Too much**: a long `retain_days` on a host that changes metadata all day (snapshot rotation, container storage) once filled /etc/lvm/archive with 110,000 files; every metadata-changing command then spent about 0.3 s listing them, and `vgcfgrestore --list` took seconds.\n\n' +
  'Known-good on busy hosts: `retain_min = 100` with `retain_days = 0` (the newest 100 archives per VG, whatever their age).';

const CHECK_TOOL = (kind: 'thin' | 'cache') =>
  `lvm2 runs this program on the ${kind} pool's metadata before activating it and after deactivating it. It comes from Debian's **thin-provisioning-tools** package, which lvm2 only *recommends*, so hosts installed with \`--no-install-recommends\` (or initramfs images without it) lack it.\n\n` +
  `- **Missing binary**: up to lvm2 2.02.177 activation fails ("Check of pool … failed", the LV stays down — the cached \`home\` that would not come up at boot); from 2.02.178 lvm2 prints "Check is skipped, please install recommended missing binary" and activates without checking.\n` +
  `- **Empty value (\`""\`)**: the check is skipped on purpose, so pools with damaged metadata are activated and written to, which can turn repairable damage into data loss.`;

const EXPLAIN: Record<string, string> = {
  'backup/retain_min': RETENTION,
  'backup/retain_days': RETENTION,
  'backup/backup':
    'The backup in /etc/lvm/backup is the current metadata of each VG, written after every change. Without it there is no text copy to recreate a VG from after its PV headers are damaged (`pvcreate --restorefile`, `vgcfgrestore`). Turning it off gains almost nothing.',
  'backup/archive':
    'The archive holds the metadata as it was *before* each change. It is the only undo for `lvremove`, `lvreduce` and friends (`vgcfgrestore -f <archive> <vg>`). With `archive = 0` lvm2 writes none at all. If the archive grows too large, lower `retain_days` instead of turning it off.',
  'backup/backup_dir': 'Keep this on the root file system (not on an LV of the VG it backs up) and include it in the host\'s own backups. lvm2 rejects an empty value.',
  'backup/archive_dir': 'Keep this on the root file system (not on an LV of the VG it archives) and include it in the host\'s backups. lvm2 rejects an empty value.',
  'global/thin_check_executable': CHECK_TOOL('thin'),
  'global/cache_check_executable': CHECK_TOOL('cache'),
  'global/thin_check_options':
    'Options like `--skip-mappings` or `--ignore-non-fatal-errors` make the check faster or more lenient, at the cost of missing damage. lvm2 also checks the tool\'s version and asks for an upgrade when it is too old.',
  'global/cache_check_options':
    '`--clear-needs-check-flag` lets a successful check clear the flag the kernel sets after a crash; without it a writeback cache that needs checking may refuse to activate.',
  'global/thin_repair_executable': 'Used by `lvconvert --repair` on thin pools; from thin-provisioning-tools. Without it a damaged pool cannot be repaired by lvm2.',
  'global/cache_repair_executable': 'Used by `lvconvert --repair` on cache pools; from thin-provisioning-tools.',
  'activation/raid_fault_policy':
    'Acted on by dmeventd, so `activation/monitoring` must be on. `warn` (the default) only logs: the RAID LV keeps running degraded until an admin runs `lvconvert --repair`. `allocate` replaces the failed leg from free space in the VG. lvm2 compares the value exactly (case-sensitive): anything other than `allocate` (or the undocumented `replace`) behaves like `warn`.',
  'activation/mirror_image_fault_policy':
    'Acted on by dmeventd (needs `activation/monitoring`). `remove` drops the failed leg and keeps running with fewer copies; `allocate` replaces it from free space. lvm2 treats every value other than exactly `remove` (case-sensitive) as allocate, so a typo changes behaviour silently.',
  'activation/mirror_log_fault_policy':
    'Acted on by dmeventd. `allocate` (the default) places a new log on free space; `remove` converts the mirror to an in-memory log, which means a full resync after every activation. Any value other than exactly `remove` allocates.',
  'activation/mirror_device_fault_policy': 'Renamed to `mirror_image_fault_policy` in 2.02.57; if both are set, the new name wins.',
  'activation/monitoring':
    'With monitoring off, dmeventd does not watch LVs: thin pools and snapshots are never extended automatically and RAID/mirror fault policies never run. A full thin pool then stops all I/O to its thin LVs.',
  'activation/thin_pool_autoextend_threshold':
    'When a thin pool\'s data or metadata is this full, dmeventd grows it by `thin_pool_autoextend_percent`. 100 (the default) turns automatic extension off: a pool that fills up queues or fails writes to every thin LV in it, and full metadata can damage the pool. Needs `monitoring = 1` and free space in the VG.',
  'activation/thin_pool_autoextend_percent': 'How much the pool grows each time the threshold is crossed. 0 disables extension.',
  'activation/snapshot_autoextend_threshold':
    'A classic (COW) snapshot that fills up is invalidated and its contents are lost. 100 (the default) disables automatic extension.',
  'activation/snapshot_autoextend_percent': 'How much a snapshot grows each time the threshold is crossed.',
  'activation/vdo_pool_autoextend_threshold': 'A full VDO pool fails writes. 100 (the default) disables automatic extension.',
  'devices/filter':
    'Each entry is `a` (accept) or `r` (reject) followed by a regular expression between delimiters, e.g. `"r|^/dev/sdb$|"`. The first entry that matches a device name decides; a device no entry matches is accepted. Patterns are *not* anchored: `a|loop|` also matches `/dev/vg/solooperation`. An entry lvm2 cannot compile makes every LVM command on the host fail (even though `lvmconfig --validate` accepts it). Prefer `global_filter`, which event activation and all commands obey.',
  'devices/global_filter':
    'Same syntax as `filter` (`a|regex|` / `r|regex|`, first match wins, unanchored), but obeyed everywhere, including event-driven autoactivation. An invalid entry makes every LVM command fail. Reject multipath paths and VM images here so lvm2 never sees duplicate PVs.',
  'devices/use_devicesfile':
    'With the devices file on (the RHEL 9 default), lvm2 uses only devices listed in /etc/lvm/devices/system.devices. After cloning a disk, restoring a machine or replacing hardware, unlisted devices are invisible: VGs seem to vanish and boot can hang. Fix with `vgimportdevices` or `lvmdevices --adddev`.',
  'devices/multipath_component_detection':
    'Turning this off lets lvm2 use the individual paths of a multipath device, so it sees the same PV several times and may write through one path behind multipath\'s back.',
  'devices/md_component_detection': 'Turning this off lets lvm2 use the members of an MD RAID array directly, bypassing the array.',
  'devices/issue_discards':
    'When on, space freed by `lvremove`/`lvreduce` is discarded on the disks immediately, so `vgcfgrestore` can bring the LV back but not its data.',
  'devices/allow_changes_with_duplicate_pvs': 'Changing metadata while the same PV is visible twice can write to the wrong device. Keep it off and filter out the duplicate instead.',
  'devices/scan_lvs': 'Scanning LVs as PVs lets guest VGs inside VM disk LVs appear on the host, where the host may activate or change them.',
  'activation/volume_list':
    'When set, an LV is activated only if it (or its VG, or a tag) is listed; everything else stays down, including on boot. Forgetting the root or swap VG here makes the host unbootable.',
  'activation/auto_activation_volume_list': 'When set, only listed LVs are activated by `-aay`/event activation at boot; anything missing stays down until activated by hand.',
  'activation/read_only_volume_list': 'Listed LVs are activated read-only; file systems on them then fail to mount read-write.',
  'activation/activation_mode':
    '`degraded` (default) activates RAID LVs with missing legs; `complete` refuses any LV with a missing PV; `partial` activates even LVs with missing data (I/O to the missing part fails) — only for rescue.',
  'global/use_lvmetad': 'Ignored by lvm2 2.03. Hosts upgraded from 2.02 often still set it, believing it does something.',
  'global/locking_type': REMOVED['global/locking_type'],
  'global/metadata_read_only': 'Blocks every metadata change, including the automatic repairs and backups; useful for forensics, harmful if left on.',
  'global/event_activation': 'With 0, PVs appearing after boot are not activated automatically; the boot-time activation services handle only what exists when they run.',
  'global/system_id_source':
    'With a system ID, a VG is usable only by the host whose ID it carries. Changing the source (or the host name, with `uname`) makes this host\'s own VGs foreign and their LVs stop activating.',
  'global/use_lvmlockd': 'Needed for VGs shared between hosts; without it, two hosts changing one shared VG will corrupt its metadata.',
  'metadata/pvmetadatasize': 'Metadata areas cannot easily be grown later. VGs with many LVs or snapshots can hit "Metadata too large for circular buffer"; size generously when creating PVs.',
  'metadata/pvmetadatacopies': '0 means new PVs carry no metadata; a VG whose remaining metadata PVs are lost cannot be found any more.',
  'metadata/vgmetadatacopies': 'Fewer copies in use means fewer PVs from which the VG can be rebuilt.',
  'metadata/record_lvs_history': 'Keeps a record of removed thin LVs; harmless, but grows the metadata of VGs with many short-lived snapshots.',
  'allocation/thin_pool_zero': 'With zeroing off, new thin LVs may expose stale data from earlier users of the pool\'s blocks.',
  'allocation/wipe_signatures_when_zeroing_new_lvs': 'Leaving old file system or RAID signatures on a new LV can make udev or blkid mistake it for the old device.',
  'config/checks': 'Off means lvm2 no longer warns about unknown or mistyped settings when commands run.',
  'config/abort_on_errors': 'On means a single mistyped setting stops every LVM command, including at boot.',
};

let notes: Map<string, SettingNote> | undefined;

export function settingNotes(): Map<string, SettingNote> {
  if (notes) return notes;
  notes = new Map();
  for (const line of DESCRIPTIONS.split('\n')) {
    const bar = line.indexOf('|');
    if (bar < 0) continue;
    const path = line.slice(0, bar);
    notes.set(path, { description: line.slice(bar + 1) });
  }
  const get = (p: string): SettingNote => {
    let n = notes!.get(p);
    if (!n) notes!.set(p, (n = { description: '' }));
    return n;
  };
  for (const [p, v] of Object.entries(ALLOWED)) get(p).allowed = v;
  for (const [p, v] of Object.entries(VALUE_SINCE)) get(p).valueSince = v;
  for (const [p, v] of Object.entries(SUGGEST)) get(p).suggest = v;
  for (const [p, v] of Object.entries(REPLACED)) get(p).replacedBy = v;
  for (const [p, v] of Object.entries(REMOVED)) get(p).removedNote = v;
  for (const [p, v] of Object.entries(EXPLAIN)) get(p).explanation = v;
  return notes;
}
