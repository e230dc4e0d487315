/** The demo city (武蔵野市) and the password of every demo login. */
export const DEMO_CITY = {
  code: '132039',
  name: '武蔵野市',
  nameKana: 'ムサシノシ',
  prefecture: '東京都',
  officeName: '市民協働推進課',
  officePhone: '0422-60-1830',
  officeEmail: 'kyodo@demo.example',
}

export const DEMO_PASSWORD = 'demo-password-2026'
