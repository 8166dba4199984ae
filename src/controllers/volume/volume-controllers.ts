// The storage control loops, sharing one claim → pods index: the PersistentVolume binder, the
// dynamic provisioner, and claim/volume in-use protection.
import type { ControllerSpec } from '../../runtime/controller'
import type { Store } from '../../store/store'
import { createPersistentVolumeBinder } from './binder'
import { ClaimUsers } from './claim-users'
import { createPvcProtectionController, createPvProtectionController } from './protection'
import { createVolumeProvisioner } from './provisioner'

export function createVolumeControllers(store: Store): ControllerSpec[] {
  const users = new ClaimUsers(store)
  return [createPersistentVolumeBinder(store, users), createVolumeProvisioner(), createPvcProtectionController(users), createPvProtectionController()]
}
