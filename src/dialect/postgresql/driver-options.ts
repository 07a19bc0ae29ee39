import type { ConnectionOptions } from 'node:tls'

/**
 * `pg`'s `ssl` option from libpq's `sslmode`: `require` encrypts without
 * checking the certificate, `verify-ca`/`verify-full` check it; `disable`,
 * `allow` and `prefer` connect in the clear (pg cannot fall back between the two).
 *
 * @example
 * postgresSsl({ sslmode: 'require' }) // { rejectUnauthorized: false }
 */
export function postgresSsl(params: Readonly<Record<string, string>>): ConnectionOptions | undefined {
  switch (params['sslmode']) {
    case 'require':
      return { rejectUnauthorized: false }
    case 'verify-ca':
    case 'verify-full':
      return { rejectUnauthorized: true }
    default:
      return undefined
  }
}
