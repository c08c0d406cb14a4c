import { chosenReward, useSettings } from '../../services/settings.ts'
import { isEnvironmentId, type EnvironmentId } from './environments.ts'

/** React hook: the environment the user chose for the room (the studio when it is not one there is). */
export function useRoomEnvironment(): EnvironmentId {
  const id = useSettings((s) => chosenReward('environment', s.roomEnvironment).id)
  return isEnvironmentId(id) ? id : 'studio'
}
