/** The small part of the Office namespace an Excel add-in uses at start-up: onReady, context, enums. */
import { versionAtLeast } from "./api/base";

export interface OfficeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
}

export const LIGHT_THEME: OfficeTheme = {
  bodyBackgroundColor: "#FFFFFF",
  bodyForegroundColor: "#000000",
  controlBackgroundColor: "#FFFFFF",
  controlForegroundColor: "#000000",
};

export interface OfficeOptions {
  apiVersion: string;
  displayLanguage: string;
  theme: OfficeTheme;
  platform: string;
  /** Other requirement sets and their highest version, e.g. { DialogApi: "1.2" }. */
  requirementSets: Record<string, string>;
}

export interface HostOffice {
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  context: {
    displayLanguage: string;
    contentLanguage: string;
    officeTheme: OfficeTheme;
    host: string;
    platform: string;
    diagnostics: { host: string; platform: string; version: string };
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
  };
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
  EventType: Record<string, string>;
}

export function createOffice(o: OfficeOptions): HostOffice {
  const sets = new Map<string, string>([["excelapi", o.apiVersion], ...Object.entries(o.requirementSets).map(([k, v]) => [k.toLowerCase(), v] as [string, string])]);
  const info = { host: "Excel", platform: o.platform };
  return {
    // Resolves on a later task, as Office.onReady does once office.js has loaded.
    onReady: (callback) =>
      new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      ),
    context: {
      displayLanguage: o.displayLanguage,
      contentLanguage: o.displayLanguage,
      officeTheme: { ...o.theme },
      host: "Excel",
      platform: o.platform,
      diagnostics: { host: "Excel", platform: o.platform, version: "16.0.0.0" },
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          const have = sets.get(name.toLowerCase());
          if (have === undefined) return false;
          return versionAtLeast(have, minVersion === undefined ? "1.1" : String(minVersion));
        },
      },
    },
    HostType: { Word: "Word", Excel: "Excel", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    EventType: {
      ActiveViewChanged: "activeViewChanged",
      DialogMessageReceived: "dialogMessageReceived",
      DialogEventReceived: "dialogEventReceived",
      DocumentSelectionChanged: "documentSelectionChanged",
      OfficeThemeChanged: "officeThemeChanged",
      SettingsChanged: "settingsChanged",
    },
  };
}
