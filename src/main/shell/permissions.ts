import type { Session } from 'electron';

/**
 * Deny by default: the app needs no camera, microphone, geolocation, MIDI,
 * or clipboard-read from web content. OS notifications are raised by main,
 * not by the page, so 'notifications' is denied too.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
