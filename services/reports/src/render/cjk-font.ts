/**
 * The one CJK typeface every format draws with: Noto Sans SC as shipped in an npm package, so a
 * report looks the same on any machine and never depends on which system fonts are installed.
 */
export const CJK_FONT_FAMILY = 'Noto Sans SC';

export const CJK_FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Width of a text in character cells, a CJK (full-width) character counting two: how column
 * widths are given in the document and how spreadsheet column widths are measured.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) || char.codePointAt(0)! > 0xffff ? 2 : 1;
  return width;
}
