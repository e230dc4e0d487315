import { z } from 'zod'
import { v } from '../../core/validation.ts'

export const loginForm = z.object({
  email: v.email(),
  password: z
    .string({ error: 'パスワードを入力してください' })
    .min(1, { error: 'パスワードを入力してください' }),
})

export const nameFields = {
  familyName: v.text('姓', { max: 50 }),
  givenName: v.text('名', { max: 50 }),
  familyNameKana: v.kana('セイ', { required: true, max: 50 }),
  givenNameKana: v.kana('メイ', { required: true, max: 50 }),
}

export const signUpForm = z.object({
  email: v.email(),
  password: v.password(),
  passwordConfirm: z.string().optional(),
  ...nameFields,
  agree: v.checkbox().refine((x) => x, { error: '個人情報の取り扱いへの同意にチェックを入れてください' }),
})

export const acceptInviteForm = z.object({
  password: v.password(),
  passwordConfirm: z.string().optional(),
  ...nameFields,
})

export const forgotForm = z.object({ email: v.email() })

export const resetForm = z.object({
  token: z.string().min(1),
  password: v.password('新しいパスワード'),
  passwordConfirm: z.string().optional(),
})

export const profileForm = z.object(nameFields)

export const passwordForm = z.object({
  current: z.string().min(1, { error: '現在のパスワードを入力してください' }),
  password: v.password('新しいパスワード'),
  passwordConfirm: z.string().optional(),
})

export const emailForm = z.object({
  email: v.email('新しいメールアドレス'),
  current: z.string().min(1, { error: '現在のパスワードを入力してください' }),
})

export const tokenForm = z.object({
  name: v.text('トークンの名前', { max: 100 }),
  expiresInDays: v.int('有効期間', { min: 1, max: 365, optional: true }),
})
