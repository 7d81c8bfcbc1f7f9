@echo off
rem Windows equivalent of scripts/stop_all_servers.sh: stops every server gracefully with jboss-cli :shutdown
rem (each server tells the others it is leaving).
setlocal EnableExtensions EnableDelayedExpansion
for %%I in ("%~dp0..") do set "ROOT=%%~fI"
set "JBOSS_HOME=%ROOT%\target\server"
if "%SYNCNET_SERVERS%"=="" set "SYNCNET_SERVERS=3"
set "NOPAUSE=true"
set "RC=0"
for /L %%N in (1,1,%SYNCNET_SERVERS%) do (
    set /a MGMT=9989+%%N
    netstat -ano -p TCP | findstr /R /C:":!MGMT! .*LISTENING" >nul
    if errorlevel 1 (
        echo server%%N is not running
    ) else (
        echo Stopping server%%N: jboss-cli --connect --controller=127.0.0.1:!MGMT! --command=:shutdown
        call "%JBOSS_HOME%\bin\jboss-cli.bat" --connect --controller=127.0.0.1:!MGMT! --command=:shutdown >nul
        if errorlevel 1 (echo   could not stop server%%N through jboss-cli& set "RC=1")
    )
)
exit /b %RC%
